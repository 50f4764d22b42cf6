<?xml version="1.0" encoding="UTF-8"?>
<!-- digest.xsl: the HTML page of `pmc digest`. Its input is the digest
     pmc wrote as GitHub Markdown (src/digest.c), rendered to HTML by
     libcmark-gfm (raw HTML is never passed through) and read back as a
     tree: <digest lang=".." title=".."> holding the body's elements, and
     then <s:charts>, the cross-incident charts pm_charts_xml wrote, and
     <s:pages>, the period's incidents as their intermediate form. This
     file gives it the reports' look (report-style.xsl), puts the charts
     (charts.xsl, as on the site index) after the headline numbers, and
     after the tables each incident as its own report opens (report.xsl's
     masthead and glance), and nothing else: every number is decided in
     C, once, for every format. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:x-pmc:site:1"
    xmlns:pm="urn:x-pmc:postmortem:1"
    xmlns:pmc="urn:x-pmc:xslt:1"
    exclude-result-prefixes="s pm pmc">

  <!-- imported, so that what this file and charts.xsl define (the root
       template, $lang, severity-style) comes first -->
  <xsl:import href="report.xsl"/>
  <xsl:include href="report-style.xsl"/>
  <xsl:include href="charts.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="lang" select="/digest/@lang"/>
  <xsl:param name="generator" select="'pmc'"/>
  <xsl:variable name="cjk" select="starts-with($lang, 'ja')"/>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="{$generator}"/>
        <title><xsl:value-of select="digest/@title"/></title>
        <style><xsl:call-template name="style"/><xsl:call-template name="page-style"/><xsl:call-template name="chart-style"/><xsl:for-each select="digest/s:charts"><xsl:call-template name="severity-style"/></xsl:for-each><xsl:for-each select="digest/s:pages/pm:postmortem/pm:metrics/@severity-rank"><xsl:value-of select="concat('.sev-rank-', ., ' { background: ', pmc:severity-color(.), '; }&#10;')"/></xsl:for-each>
.digest { max-width: 72rem; }
.digest h1 { margin-bottom: 1rem; }
.digest > ul:not(.legend) { list-style: none; padding: 0; display: grid; gap: .35rem 2rem;
  grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
.digest > ul:not(.legend) li { margin: 0; }
.digest table { display: block; overflow-x: auto; }
/* dates, ids, severities, durations, owners and counts on one line
   (td.short); the titles, impact lines and items take what is left */
.incident-page { margin-top: 2.5rem; padding-top: 2rem; border-top: 2px solid var(--rule); }
@media print { .incident-page { break-before: page; border-top: 0; } }
.digest td.long { white-space: normal; width: auto; min-width: 12rem; }
</style>
      </head>
      <body>
        <article class="report digest">
          <!-- the title and the headline numbers, the charts, the rest -->
          <xsl:variable name="body" select="digest/node()[not(self::s:*)]"/>
          <xsl:variable name="h2" select="digest/h2[1]"/>
          <xsl:apply-templates mode="copy" select="$body[not($h2) or generate-id(following-sibling::h2[1]) = generate-id($h2)]"/>
          <xsl:for-each select="digest/s:charts">
            <xsl:call-template name="legend"/>
            <section class="charts">
              <xsl:apply-templates select="s:figure"/>
            </section>
          </xsl:for-each>
          <xsl:apply-templates mode="copy" select="$h2 | $h2/following-sibling::node()[not(self::s:*)]"/>
          <xsl:for-each select="digest/s:pages/pm:postmortem">
            <section class="incident-page">
              <xsl:call-template name="masthead"/>
              <xsl:call-template name="glance">
                <xsl:with-param name="id" select="concat('glance-', position())"/>
              </xsl:call-template>
            </section>
          </xsl:for-each>
          <footer class="colophon">
            <xsl:value-of select="pmc:label('generated')"/>
          </footer>
        </article>
      </body>
    </html>
  </xsl:template>

  <!-- The body as cmark wrote it, but for the tables: on a phone each
       row is a card (report-style.xsl's .cards), the second column (the
       incident, the action) its head and every other cell labelled with
       its column's heading. -->
  <xsl:template match="@* | node()" mode="copy">
    <xsl:copy><xsl:apply-templates select="@* | node()" mode="copy"/></xsl:copy>
  </xsl:template>

  <xsl:template match="table" mode="copy">
    <table class="cards"><xsl:apply-templates mode="copy"/></table>
  </xsl:template>

  <xsl:template match="tbody/tr/td" mode="copy">
    <xsl:variable name="i" select="count(preceding-sibling::td) + 1"/>
    <xsl:choose>
      <xsl:when test="$i = 2">
        <td class="what"><xsl:apply-templates select="@* | node()" mode="copy"/></td>
      </xsl:when>
      <xsl:otherwise>
        <!-- the incidents' impact line (their fifth of six columns) may
             wrap; the other cells stay on one line -->
        <td class="short" data-label="{normalize-space(ancestor::table/thead/tr/th[$i])}">
          <xsl:if test="$i = 5 and count(../td) = 6">
            <xsl:attribute name="class">short long</xsl:attribute>
          </xsl:if>
          <xsl:apply-templates select="@* | node()" mode="copy"/>
        </td>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
