<?xml version="1.0" encoding="UTF-8"?>
<!-- index.xsl: the index page of `pmc build`: every incident in a table,
     and four cross-incident figures as inline SVG. Its input is the
     summary src/build_site.c makes (namespace urn:x-pmc:site:1): the
     incidents in order, newest first, and each figure's numbers already
     computed, so that this file only draws. The look is report.xsl's: the same CSS
     (report-style.xsl) with a few rules for the charts.

     The page is made in parts, so that a site of ten thousand incidents
     is never one result tree: with $part = 'page' the input is
     <build><site> with the figures, and the table body holds only the
     comment pmc:rows; with $part = 'rows' the input is <build> with some
     of the incidents in table order (<incident> elements, the manifest's
     attributes plus @href and @rank), and the output is their rows, which
     pmc puts where the comment was.

     Every piece of source text (titles, severities, owners) reaches the
     page through xsl:value-of or an attribute value, which the serializer
     escapes. The page needs no script: the table is sorted newest first.
     The small script at the end only lets a reader re-sort it by a
     column; it is fixed text, and reads nothing but the data-sort
     attributes of the cells. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:x-pmc:site:1"
    xmlns:pmc="urn:x-pmc:xslt:1"
    exclude-result-prefixes="s pmc">

  <xsl:include href="report-style.xsl"/>
  <xsl:include href="charts.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>

  <xsl:param name="generator" select="'pmc'"/>
  <xsl:param name="part" select="'page'"/>


  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$part = 'rows'">
        <xsl:apply-templates select="s:build/s:incident"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="s:build/s:site"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="s:site">
    <html lang="{@lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="{$generator}"/>
        <title><xsl:value-of select="pmc:label('index.title')"/></title>
        <style><xsl:call-template name="style"/><xsl:call-template name="index-style"/><xsl:call-template name="chart-style"/><xsl:call-template name="severity-style"/></style>
      </head>
      <body>
        <article class="report site">
          <header class="masthead">
            <p class="eyebrow">
              <xsl:call-template name="fill">
                <xsl:with-param name="s" select="pmc:label('index.summary')"/>
                <xsl:with-param name="key" select="'{n}'"/>
                <xsl:with-param name="value" select="@count"/>
              </xsl:call-template>
            </p>
            <h1><xsl:value-of select="pmc:label('index.title')"/></h1>
            <xsl:call-template name="legend"/>
          </header>
          <xsl:choose>
            <xsl:when test="@count &gt; 0">
              <section class="charts">
                <xsl:apply-templates select="s:figure"/>
              </section>
              <xsl:call-template name="table"/>
            </xsl:when>
            <xsl:otherwise>
              <p><xsl:value-of select="pmc:label('index.none')"/></p>
            </xsl:otherwise>
          </xsl:choose>
          <footer class="colophon">
            <xsl:value-of select="pmc:label('generated')"/>
            <xsl:text> · </xsl:text>
            <xsl:call-template name="fill">
              <xsl:with-param name="s" select="pmc:label('index.as-of')"/>
              <xsl:with-param name="key" select="'{date}'"/>
              <xsl:with-param name="value" select="pmc:datetime(@today, 'date')"/>
            </xsl:call-template>
          </footer>
        </article>
        <xsl:call-template name="sort-script"/>
      </body>
    </html>
  </xsl:template>




  <!-- The table: newest first; each cell's data-sort is what the optional
       script sorts by. -->
  <xsl:template name="table">
    <section class="incidents">
      <div class="table-wrap">
        <table class="incident-table sortable cards">
          <thead>
            <tr>
              <th data-type="text" aria-sort="descending"><xsl:value-of select="pmc:label('index.date')"/></th>
              <th data-type="text"><xsl:value-of select="pmc:label('index.incident')"/></th>
              <th data-type="number"><xsl:value-of select="pmc:label('field.severity')"/></th>
              <th data-type="number" class="num"><xsl:value-of select="pmc:label('index.duration')"/></th>
              <th data-type="text"><xsl:value-of select="pmc:label('field.status')"/></th>
              <th data-type="number" class="num"><xsl:value-of select="pmc:label('index.open')"/></th>
            </tr>
          </thead>
          <tbody><xsl:comment>pmc:rows</xsl:comment></tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="s:incident">
    <tr>
      <td class="short date" data-sort="{@date}" data-label="{pmc:label('index.date')}">
        <xsl:if test="@date">
          <time datetime="{@date}"><xsl:value-of select="pmc:datetime(@date, 'date')"/></time>
        </xsl:if>
      </td>
      <td class="what" data-sort="{@title}">
        <a href="{@href}"><xsl:value-of select="@title"/></a>
        <span class="doc-id"><xsl:value-of select="@id"/></span>
      </td>
      <td class="short severity" data-sort="{@rank}" data-label="{pmc:label('field.severity')}">
        <span class="sev sev-{@rank}"><xsl:value-of select="@severity"/></span>
      </td>
      <td class="short num" data-sort="{@ttr}" data-label="{pmc:label('index.duration')}">
        <xsl:if test="@ttr"><xsl:value-of select="pmc:duration(@ttr)"/></xsl:if>
      </td>
      <td class="short status" data-sort="{@status}" data-label="{pmc:label('field.status')}">
        <span class="badge status status-{@status}">
          <xsl:value-of select="pmc:label(concat('status.', @status))"/>
        </span>
      </td>
      <td class="short num" data-sort="{@open}" data-label="{pmc:label('index.open')}">
        <xsl:value-of select="@open"/>
        <xsl:if test="@overdue &gt; 0">
          <xsl:text> </xsl:text>
          <span class="state state-overdue">
            <xsl:value-of select="@overdue"/>
            <xsl:text> </xsl:text>
            <xsl:value-of select="pmc:label('action.overdue')"/>
          </span>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>


  <xsl:template name="index-style">
    <xsl:text>
.site { max-width: 72rem; }
.site .masthead h1 { margin-bottom: .6rem; }
.incident-table td.date { font-variant-numeric: tabular-nums; }
.incident-table td.what a { font-weight: 600; }
.incident-table td.what .doc-id { display: block; font-size: .78rem; color: var(--muted); }
.incident-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.incident-table .state { margin-left: .3rem; }
.incident-table th[aria-sort] { color: var(--ink); }
.incident-table th[aria-sort="ascending"]::after { content: " \25b2"; }
.incident-table th[aria-sort="descending"]::after { content: " \25bc"; }
.js .incident-table th { cursor: pointer; }
</xsl:text>
  </xsl:template>

  <!-- Optional: a click on a column heading sorts the table by it. Fixed
       text; it reads only the cells' data-sort attributes. -->
  <xsl:template name="sort-script">
    <script>
      <xsl:text>
(function () {
  var table = document.querySelector("table.sortable");
  if (!table) return;
  document.documentElement.className += " js";
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      var num = th.getAttribute("data-type") === "number";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-sort") || "";
        var y = b.cells[col].getAttribute("data-sort") || "";
        var c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0)
                    : x.localeCompare(y);
        return up ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
    });
  });
})();
</xsl:text>
    </script>
  </xsl:template>

</xsl:stylesheet>
