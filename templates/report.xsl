<?xml version="1.0" encoding="UTF-8"?>
<!-- report.xsl: the HTML report of one postmortem, from the intermediate
     form (docs/ir.md). One self-contained page: CSS inline, the course of
     the incident as inline SVG, no script, nothing fetched.

     Every piece of source text reaches the page through xsl:value-of or
     as an attribute value, which the serializer escapes; none is ever
     written into <style>, and no source value becomes an element or
     attribute name. Links are written only for http, https, mailto and
     relative addresses.

     Parameters (set by pmc): lang, the page's language tag, and
     generator. pmc:label(), pmc:datetime() and pmc:duration() speak the
     language of lang (src/xslt.h). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pm="urn:x-pmc:postmortem:1"
    xmlns:pmc="urn:x-pmc:xslt:1"
    exclude-result-prefixes="pm pmc">

  <xsl:include href="report-style.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="lang" select="/pm:postmortem/@lang"/>
  <xsl:param name="generator" select="'pmc'"/>

  <!-- Japanese is written without spaces between words: a line break in
       the source there is no space on the page. -->
  <xsl:variable name="cjk" select="starts-with($lang, 'ja')"/>

  <xsl:template match="/">
    <xsl:apply-templates select="pm:postmortem"/>
  </xsl:template>

  <xsl:template match="pm:postmortem">
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="{$generator}"/>
        <title><xsl:value-of select="pm:title"/></title>
        <style><xsl:call-template name="style"/><xsl:call-template name="page-style"/><xsl:call-template name="severity-style"/></style>
      </head>
      <body>
        <article class="report">
          <xsl:call-template name="masthead"/>
          <xsl:call-template name="glance"/>
          <xsl:apply-templates select="pm:section"/>
          <footer class="colophon">
            <xsl:value-of select="pmc:label('generated')"/>
            <xsl:text> · </xsl:text>
            <span class="doc-id"><xsl:value-of select="@id"/></span>
            <xsl:call-template name="revision"/>
          </footer>
        </article>
      </body>
    </html>
  </xsl:template>

  <!-- The report's state and date, from the source alone (never the
       clock, so that a build is reproducible): its status, and the day
       it was updated, else resolved. -->
  <xsl:template name="revision">
    <xsl:text> · </xsl:text>
    <xsl:value-of select="pmc:label(concat('status.', @status))"/>
    <xsl:choose>
      <xsl:when test="pm:updated">
        <xsl:text> · </xsl:text>
        <xsl:value-of select="pmc:label('report.updated')"/>
        <xsl:text> </xsl:text>
        <time datetime="{pm:updated}"><xsl:value-of select="pmc:datetime(pm:updated, 'date')"/></time>
      </xsl:when>
      <xsl:when test="pm:times/pm:resolved">
        <xsl:text> · </xsl:text>
        <xsl:value-of select="pmc:label('milestone.resolved')"/>
        <xsl:text> </xsl:text>
        <time datetime="{pm:times/pm:resolved/@at}"><xsl:value-of select="pmc:datetime(pm:times/pm:resolved/@at, 'date')"/></time>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The header: what happened, how bad, whose. -->
  <xsl:template name="masthead">
    <header class="masthead">
      <p class="eyebrow">
        <span class="doc-id"><xsl:value-of select="@id"/></span>
        <span class="badge status status-{@status}">
          <xsl:value-of select="pmc:label(concat('status.', @status))"/>
        </span>
        <xsl:if test="@audience = 'internal'">
          <span class="badge audience"><xsl:value-of select="pmc:label('internal')"/></span>
        </xsl:if>
      </p>
      <h1><xsl:value-of select="pm:title"/></h1>
      <xsl:variable name="lede" select="pmc:lede(., 'summary')"/>
      <xsl:if test="$lede != ''">
        <p class="lede"><xsl:value-of select="$lede"/></p>
      </xsl:if>
      <xsl:variable name="impact" select="pmc:lede(., 'impact')"/>
      <xsl:if test="$impact != ''">
        <p class="impact-line">
          <strong><xsl:value-of select="pmc:label('section.impact')"/></strong>
          <xsl:value-of select="pmc:label('colon')"/>
          <xsl:value-of select="$impact"/>
        </p>
      </xsl:if>
      <dl class="facts">
        <div class="fact severity">
          <dt><xsl:value-of select="pmc:label('field.severity')"/></dt>
          <dd><xsl:call-template name="severity"/></dd>
        </div>
        <!-- the incident's length is its time to resolve (both from the
             start), as pmc derived it -->
        <xsl:if test="pm:metrics/pm:time-to-resolve/@seconds">
          <div class="fact duration">
            <dt><xsl:value-of select="pmc:label('field.duration')"/></dt>
            <dd><xsl:value-of select="pmc:duration(pm:metrics/pm:time-to-resolve/@seconds)"/></dd>
          </div>
        </xsl:if>
        <xsl:if test="pm:owner">
          <div class="fact">
            <dt><xsl:value-of select="pmc:label('field.owner')"/></dt>
            <dd><xsl:value-of select="pm:owner"/></dd>
          </div>
        </xsl:if>
        <xsl:if test="pm:services/pm:service">
          <div class="fact services">
            <dt><xsl:value-of select="pmc:label('field.services')"/></dt>
            <dd>
              <ul class="chips">
                <xsl:for-each select="pm:services/pm:service">
                  <li><xsl:value-of select="."/></li>
                </xsl:for-each>
              </ul>
            </dd>
          </div>
        </xsl:if>
        <xsl:if test="pm:detected-by">
          <div class="fact">
            <dt><xsl:value-of select="pmc:label('field.detected-by')"/></dt>
            <dd><xsl:value-of select="pmc:label(concat('detected-by.', pm:detected-by))"/></dd>
          </div>
        </xsl:if>
        <xsl:if test="pm:authors/pm:person">
          <div class="fact">
            <dt><xsl:value-of select="pmc:label('field.authors')"/></dt>
            <dd>
              <xsl:for-each select="pm:authors/pm:person">
                <xsl:if test="position() &gt; 1"><xsl:value-of select="pmc:label('list.separator')"/></xsl:if>
                <xsl:value-of select="."/>
              </xsl:for-each>
            </dd>
          </div>
        </xsl:if>
        <div class="fact">
          <dt><xsl:value-of select="pmc:label('field.timezone')"/></dt>
          <dd><xsl:value-of select="pm:timezone"/></dd>
        </div>
        <xsl:if test="pm:tags/pm:tag">
          <div class="fact tags">
            <dt><xsl:value-of select="pmc:label('field.tags')"/></dt>
            <dd>
              <ul class="chips tag-chips">
                <xsl:for-each select="pm:tags/pm:tag">
                  <li><xsl:value-of select="."/></li>
                </xsl:for-each>
              </ul>
            </dd>
          </div>
        </xsl:if>
      </dl>
    </header>
  </xsl:template>

  <!-- The severity in the colour of its rank on the policy's scale, the
       most severe red, whatever the team calls its levels. The colour is
       pm_severity_color's, written as a rule in <style>: the page carries
       no style attribute (its policy forbids them). -->
  <xsl:template name="severity-style">
    <xsl:variable name="rank" select="pm:metrics/@severity-rank"/>
    <xsl:if test="$rank">
      <xsl:value-of select="concat('.sev-rank-', $rank, ' { background: ', pmc:severity-color($rank), '; }&#10;')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="severity">
    <xsl:variable name="rank" select="pm:metrics/@severity-rank"/>
    <span class="sev">
      <xsl:if test="$rank">
        <xsl:attribute name="class">sev sev-rank-<xsl:value-of select="$rank"/></xsl:attribute>
      </xsl:if>
      <xsl:value-of select="pm:severity"/>
    </span>
  </xsl:template>

  <!-- At a glance: the derived figures, the milestones and the figure. -->
  <xsl:template name="metric">
    <xsl:param name="name"/>
    <xsl:variable name="m" select="pm:metrics/*[local-name() = $name]"/>
    <div class="metric">
      <dt><xsl:value-of select="pmc:label(concat('metric.', $name))"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$m/@seconds"><xsl:value-of select="pmc:duration($m/@seconds)"/></xsl:when>
          <xsl:otherwise><xsl:attribute name="class">none</xsl:attribute>–</xsl:otherwise>
        </xsl:choose>
      </dd>
    </div>
  </xsl:template>

  <!-- id: the heading's id, unique on the page (pmc digest shows one
       glance per incident) -->
  <xsl:template name="glance">
    <xsl:param name="id" select="'glance-title'"/>
    <section class="glance" aria-labelledby="{$id}">
      <h2 id="{$id}"><xsl:value-of select="pmc:label('summary.title')"/></h2>
      <dl class="metrics">
        <!-- all four, as in the PDF: a missing one is a dash, not left
             out, so that every report reads the same way -->
        <xsl:call-template name="metric"><xsl:with-param name="name" select="'time-to-detect'"/></xsl:call-template>
        <xsl:call-template name="metric"><xsl:with-param name="name" select="'time-to-acknowledge'"/></xsl:call-template>
        <xsl:call-template name="metric"><xsl:with-param name="name" select="'time-to-mitigate'"/></xsl:call-template>
        <xsl:call-template name="metric"><xsl:with-param name="name" select="'time-to-resolve'"/></xsl:call-template>
        <xsl:for-each select="pm:metrics/pm:follow-ups">
          <div class="metric follow-up-counts">
            <dt><xsl:value-of select="pmc:label('section.follow-ups')"/></dt>
            <dd>
              <!-- overdue ones are open ones: open + done add up -->
              <span class="count open">
                <xsl:value-of select="@open"/><xsl:text> </xsl:text>
                <span class="unit"><xsl:value-of select="pmc:label('action.open')"/></span>
              </span>
              <xsl:if test="@overdue &gt; 0">
                <span class="count overdue">
                  <xsl:text>(</xsl:text>
                  <xsl:value-of select="@overdue"/><xsl:text> </xsl:text>
                  <span class="unit"><xsl:value-of select="pmc:label('action.overdue')"/></span>
                  <xsl:text>)</xsl:text>
                </span>
              </xsl:if>
              <span class="count done">
                <xsl:value-of select="@done"/><xsl:text> </xsl:text>
                <span class="unit"><xsl:value-of select="pmc:label('action.done')"/></span>
              </span>
              <span class="count total">
                <xsl:value-of select="@open + @done"/><xsl:text> </xsl:text>
                <span class="unit"><xsl:value-of select="pmc:label('action.total')"/></span>
              </span>
            </dd>
          </div>
        </xsl:for-each>
      </dl>
      <xsl:if test="pm:metrics/*[@seconds]">
        <p class="metrics-note"><xsl:value-of select="pmc:label('metric.from-start')"/></p>
      </xsl:if>
      <xsl:if test="pm:times/*">
        <ol class="milestones">
          <xsl:for-each select="pm:times/*">
            <li class="milestone ms-{local-name()}">
              <span class="ms-name"><xsl:value-of select="pmc:label(concat('milestone.', local-name()))"/></span>
              <xsl:text> </xsl:text>
              <time datetime="{@at}"><xsl:value-of select="pmc:datetime(@at, 'datetime')"/></time>
            </li>
          </xsl:for-each>
        </ol>
      </xsl:if>
      <xsl:copy-of select="pmc:figure(.)"/>
    </section>
  </xsl:template>

  <!-- Sections: a known section under its label in the output language
       (as in the md and pdf reports), a custom one under its heading. -->
  <xsl:template match="pm:section">
    <section class="sec sec-{@key}">
      <xsl:if test="@key != 'custom'"><xsl:attribute name="id"><xsl:value-of select="@key"/></xsl:attribute></xsl:if>
      <h2>
        <xsl:choose>
          <xsl:when test="@key != 'custom'"><xsl:value-of select="pmc:label(concat('section.', @key))"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@heading"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="pm:subsection">
    <section class="subsec subsec-{@key}">
      <h3>
        <xsl:choose>
          <xsl:when test="@key != 'custom'"><xsl:value-of select="pmc:label(concat('section.', @key))"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@heading"/></xsl:otherwise>
        </xsl:choose>
      </h3>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Blocks. -->
  <xsl:template match="pm:p"><p><xsl:apply-templates/></p></xsl:template>

  <xsl:template match="pm:heading">
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="@level &gt;= 3 and @level &lt;= 6"><xsl:value-of select="@level"/></xsl:when>
        <xsl:otherwise>3</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}"><xsl:apply-templates/></xsl:element>
  </xsl:template>

  <xsl:template match="pm:list[@type = 'ordered']">
    <ol>
      <xsl:if test="@start and @start != 1"><xsl:attribute name="start"><xsl:value-of select="number(@start)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </ol>
  </xsl:template>
  <xsl:template match="pm:list"><ul><xsl:apply-templates/></ul></xsl:template>

  <xsl:template match="pm:item">
    <li>
      <xsl:if test="@task">
        <xsl:attribute name="class">task task-<xsl:value-of select="@task"/></xsl:attribute>
        <span class="box" aria-hidden="true">
          <xsl:choose>
            <xsl:when test="@task = 'done'">☑</xsl:when>
            <xsl:otherwise>☐</xsl:otherwise>
          </xsl:choose>
        </span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>
  <!-- A tight list's paragraphs are lines, not blocks. -->
  <xsl:template match="pm:list[@tight = 'true']/pm:item/pm:p">
    <xsl:if test="preceding-sibling::*"><br/></xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="pm:quote"><blockquote><xsl:apply-templates/></blockquote></xsl:template>

  <xsl:template match="pm:code-block">
    <pre><code>
      <xsl:if test="@lang"><xsl:attribute name="class">language-<xsl:value-of select="translate(@lang, ' &quot;', '')"/></xsl:attribute></xsl:if>
      <xsl:value-of select="."/>
    </code></pre>
  </xsl:template>

  <xsl:template match="pm:rule"><hr/></xsl:template>

  <xsl:template match="pm:footnotes">
    <div class="footnotes">
      <hr/>
      <ol><xsl:apply-templates select="pm:footnote"/></ol>
    </div>
  </xsl:template>

  <xsl:template match="pm:footnote">
    <li id="fn-{@n}" value="{@n}"><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="pm:table">
    <div class="table-wrap">
      <xsl:call-template name="small"><xsl:with-param name="rows" select="pm:row[not(@head = 'true')]"/></xsl:call-template>
      <table class="prose-table">
        <xsl:if test="pm:row[@head = 'true']">
          <thead><xsl:apply-templates select="pm:row[@head = 'true']"/></thead>
        </xsl:if>
        <xsl:if test="pm:row[not(@head = 'true')]">
          <tbody><xsl:apply-templates select="pm:row[not(@head = 'true')]"/></tbody>
        </xsl:if>
      </table>
    </div>
  </xsl:template>
  <xsl:template match="pm:row"><tr><xsl:apply-templates/></tr></xsl:template>
  <xsl:template match="pm:row[@head = 'true']/pm:cell">
    <th scope="col"><xsl:call-template name="align"/><xsl:apply-templates/></th>
  </xsl:template>
  <xsl:template match="pm:cell">
    <td><xsl:call-template name="align"/><xsl:apply-templates/></td>
  </xsl:template>
  <xsl:template name="align">
    <xsl:if test="@align = 'left' or @align = 'center' or @align = 'right'">
      <xsl:attribute name="class">al-<xsl:value-of select="@align"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A table of six rows or fewer is printed on one page, never split:
       the class says so to the print stylesheet. -->
  <xsl:template name="small">
    <xsl:param name="rows"/>
    <xsl:if test="count($rows) &lt;= 6">
      <xsl:attribute name="class">table-wrap small</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- An audience block: shown, and marked as not for the public. -->
  <xsl:template match="pm:internal">
    <div class="internal">
      <p class="internal-tag"><xsl:value-of select="pmc:label('internal')"/></p>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- The timeline as tables, one a day: the day's date heads its table
       (its thead), so that a day continued on a new page in print is
       headed by its date again. Events of a day are found by key, once
       per day, so the page grows linearly with the timeline. A timeline
       whose dates come back after another (out of order, when a policy
       lets it through) is one table with a date row wherever the date
       changes, as written. -->
  <xsl:key name="day" match="pm:event" use="concat(generate-id(..), ' ', substring(@at, 1, 10))"/>

  <xsl:template match="pm:timeline">
    <xsl:variable name="starts" select="pm:event[not(preceding-sibling::pm:event[1]) or substring(@at, 1, 10) != substring(preceding-sibling::pm:event[1]/@at, 1, 10)]"/>
    <div class="table-wrap">
      <xsl:call-template name="small"><xsl:with-param name="rows" select="pm:event"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$starts[generate-id() != generate-id(key('day', concat(generate-id(..), ' ', substring(@at, 1, 10)))[1])]">
          <table class="timeline">
            <xsl:call-template name="timeline-cols"/>
            <thead><xsl:call-template name="timeline-head"/></thead>
            <tbody><xsl:apply-templates select="pm:event"/></tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$starts">
            <table class="timeline">
              <xsl:call-template name="timeline-cols"/>
              <thead>
                <xsl:if test="position() = 1"><xsl:call-template name="timeline-head"/></xsl:if>
                <xsl:call-template name="day-row"/>
              </thead>
              <tbody>
                <xsl:apply-templates select="key('day', concat(generate-id(..), ' ', substring(@at, 1, 10)))" mode="row"/>
              </tbody>
            </table>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- The columns' widths, which a table laid out as fixed takes from
       here rather than from its first row, a date across both. -->
  <xsl:template name="timeline-cols">
    <colgroup><col class="t"/><col/></colgroup>
  </xsl:template>

  <xsl:template name="timeline-head">
    <tr>
      <th scope="col" class="t"><xsl:value-of select="pmc:label('table.time')"/></th>
      <th scope="col"><xsl:value-of select="pmc:label('table.event')"/></th>
    </tr>
  </xsl:template>

  <!-- The date of the event in context, when it is not the date of the
       event before, also across timelines split by headings. One test
       rather than a tree fragment (and and or stop early, so the
       whole-document axis is walked only for a timeline's first event). -->
  <xsl:template name="day-row">
    <xsl:variable name="day" select="substring(@at, 1, 10)"/>
    <xsl:variable name="prev" select="preceding-sibling::pm:event[1]"/>
    <xsl:if test="($prev and substring($prev/@at, 1, 10) != $day) or (not($prev) and substring(../preceding::pm:event[1]/@at, 1, 10) != $day)">
      <tr class="day">
        <th colspan="2"><time datetime="{$day}"><xsl:value-of select="pmc:datetime($day, 'date')"/></time></th>
      </tr>
    </xsl:if>
  </xsl:template>

  <xsl:template match="pm:event">
    <xsl:call-template name="day-row"/>
    <xsl:apply-templates select="." mode="row"/>
  </xsl:template>

  <xsl:template match="pm:event" mode="row">
    <tr>
      <xsl:if test="@kind"><xsl:attribute name="class">ev ev-<xsl:value-of select="@kind"/></xsl:attribute></xsl:if>
      <td class="t"><time datetime="{@at}"><xsl:value-of select="pmc:datetime(@at, 'time')"/></time></td>
      <td class="what">
        <xsl:if test="@kind">
          <span class="kind kind-{@kind}"><xsl:value-of select="pmc:label(concat('kind.', @kind))"/></span>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="pm:text"/>
        <xsl:call-template name="details"/>
        <xsl:apply-templates select="pm:body"/>
      </td>
    </tr>
  </xsl:template>

  <!-- The details of an event or an action: further table columns and
       attributes pmc kept as written. -->
  <xsl:template name="details">
    <xsl:if test="pm:detail">
      <span class="details">
        <xsl:for-each select="pm:detail">
          <span class="detail">
            <span class="detail-label"><xsl:value-of select="@label"/></span>
            <xsl:text> </xsl:text>
            <xsl:apply-templates/>
          </span>
        </xsl:for-each>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="pm:body"><div class="body"><xsl:apply-templates/></div></xsl:template>

  <!-- Five whys: a chain, each answer leading to the next question. -->
  <xsl:template match="pm:whys">
    <ol class="whys">
      <xsl:apply-templates select="pm:why"/>
    </ol>
  </xsl:template>

  <xsl:template match="pm:why">
    <li class="why">
      <p class="question"><xsl:apply-templates select="pm:question"/></p>
      <p class="answer">
        <!-- "Because" unless the answer already starts with it -->
        <xsl:variable name="because" select="pmc:label('whys.because')"/>
        <xsl:if test="translate(substring(normalize-space(pm:answer), 1, string-length($because)), $upper, $lower) != translate($because, $upper, $lower)">
          <span class="because-tag"><xsl:value-of select="$because"/></span>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="pm:answer"/>
      </p>
      <xsl:apply-templates select="pm:body"/>
    </li>
  </xsl:template>

  <!-- Follow-ups: a table; columns nobody filled in are left out. -->
  <xsl:template match="pm:follow-ups">
    <xsl:variable name="a" select="pm:action"/>
    <div class="table-wrap">
      <xsl:call-template name="small"><xsl:with-param name="rows" select="$a"/></xsl:call-template>
      <table class="follow-ups cards">
        <thead>
          <tr>
            <th scope="col" class="what"><xsl:value-of select="pmc:label('table.action')"/></th>
            <th scope="col" class="short"><xsl:value-of select="pmc:label('table.owner')"/></th>
            <th scope="col" class="short"><xsl:value-of select="pmc:label('table.due')"/></th>
            <xsl:if test="$a/@type"><th scope="col" class="short"><xsl:value-of select="pmc:label('table.type')"/></th></xsl:if>
            <xsl:if test="$a/@priority"><th scope="col" class="short"><xsl:value-of select="pmc:label('table.priority')"/></th></xsl:if>
            <xsl:if test="$a/@ticket"><th scope="col" class="short"><xsl:value-of select="pmc:label('table.ticket')"/></th></xsl:if>
            <th scope="col" class="short"><xsl:value-of select="pmc:label('table.state')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:apply-templates select="$a">
            <xsl:with-param name="types" select="boolean($a/@type)"/>
            <xsl:with-param name="priorities" select="boolean($a/@priority)"/>
            <xsl:with-param name="tickets" select="boolean($a/@ticket)"/>
          </xsl:apply-templates>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="pm:action">
    <xsl:param name="types" select="true()"/>
    <xsl:param name="priorities" select="true()"/>
    <xsl:param name="tickets" select="true()"/>
    <xsl:variable name="state">
      <xsl:choose>
        <xsl:when test="@done = 'true'">done</xsl:when>
        <xsl:when test="@overdue = 'true'">overdue</xsl:when>
        <xsl:otherwise>open</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <tr class="act act-{$state}">
      <td class="what">
        <xsl:apply-templates select="pm:text"/>
        <xsl:call-template name="details"/>
        <xsl:apply-templates select="pm:body"/>
      </td>
      <td class="short owner" data-label="{pmc:label('table.owner')}"><xsl:value-of select="@owner"/></td>
      <td class="short due" data-label="{pmc:label('table.due')}">
        <xsl:if test="@due">
          <time datetime="{@due}"><xsl:value-of select="pmc:datetime(@due, 'date')"/></time>
        </xsl:if>
      </td>
      <xsl:if test="$types">
        <td class="short type" data-label="{pmc:label('table.type')}">
          <xsl:if test="@type"><xsl:value-of select="pmc:label(concat('type.', @type))"/></xsl:if>
        </td>
      </xsl:if>
      <xsl:if test="$priorities"><td class="short priority" data-label="{pmc:label('table.priority')}"><xsl:value-of select="@priority"/></td></xsl:if>
      <xsl:if test="$tickets">
        <td class="short ticket" data-label="{pmc:label('table.ticket')}">
          <xsl:call-template name="ticket"><xsl:with-param name="t" select="normalize-space(@ticket)"/></xsl:call-template>
        </td>
      </xsl:if>
      <td class="short status" data-label="{pmc:label('table.state')}"><span class="state state-{$state}"><xsl:value-of select="pmc:label(concat('action.', $state))"/></span></td>
    </tr>
  </xsl:template>

  <!-- A ticket is a link only when it is a web address; "JIRA-123" is
       text. -->
  <xsl:template name="ticket">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="starts-with($t, 'https://') or starts-with($t, 'http://')">
        <a href="{pmc:uri($t)}"><xsl:call-template name="short-url"><xsl:with-param name="u" select="$t"/></xsl:call-template></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A long address shown as its host and last path step. -->
  <xsl:template name="short-url">
    <xsl:param name="u"/>
    <xsl:variable name="rest" select="substring-after($u, '://')"/>
    <xsl:choose>
      <xsl:when test="string-length($rest) &lt;= 32"><xsl:value-of select="$rest"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="substring-before(concat($rest, '/'), '/')"/>
        <xsl:text>/…/</xsl:text>
        <xsl:call-template name="last-step"><xsl:with-param name="s" select="$rest"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="last-step">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '/') and substring-after($s, '/') != ''">
        <xsl:call-template name="last-step"><xsl:with-param name="s" select="substring-after($s, '/')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Inlines. -->
  <xsl:template match="pm:text | pm:question | pm:answer | pm:detail"><xsl:apply-templates/></xsl:template>
  <xsl:template match="pm:em"><em><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="pm:strong"><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match="pm:code"><code><xsl:value-of select="."/></code></xsl:template>
  <xsl:template match="pm:br"><br/></xsl:template>
  <xsl:template match="pm:internal-span"><span class="internal-span"><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="pm:del"><del><xsl:apply-templates/></del></xsl:template>
  <!-- GitHub footnotes: a superscript number linking to the note. -->
  <xsl:template match="pm:fnref"><sup class="fnref"><a href="#fn-{@n}"><xsl:value-of select="@n"/></a></sup></xsl:template>

  <xsl:template match="pm:link">
    <xsl:variable name="safe">
      <xsl:call-template name="safe-href"><xsl:with-param name="u" select="@href"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$safe = 'yes'">
        <a href="{pmc:uri(@href)}">
          <xsl:if test="@title"><xsl:attribute name="title"><xsl:value-of select="@title"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An image would be a fetch: the page names it and links to it. -->
  <xsl:template match="pm:image">
    <xsl:variable name="safe">
      <xsl:call-template name="safe-href"><xsl:with-param name="u" select="@src"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="alt">
      <xsl:choose>
        <xsl:when test="normalize-space(@alt) != ''"><xsl:value-of select="@alt"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@src"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$safe = 'yes'"><a class="image-ref" href="{pmc:uri(@src)}">🖼 <xsl:value-of select="$alt"/></a></xsl:when>
      <xsl:otherwise><span class="image-ref">🖼 <xsl:value-of select="$alt"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 'yes' for http, https, mailto and relative addresses. The front
       end already dropped the others; this is the second lock. Browsers
       ignore tabs and line breaks in a URL, so they do here too. -->
  <xsl:template name="safe-href">
    <xsl:param name="u"/>
    <xsl:variable name="v" select="translate(normalize-space(translate($u, '&#9;&#10;&#13;', '')), $upper, $lower)"/>
    <xsl:variable name="head" select="substring-before($v, ':')"/>
    <xsl:choose>
      <xsl:when test="starts-with($v, 'http://') or starts-with($v, 'https://') or starts-with($v, 'mailto:')">yes</xsl:when>
      <xsl:when test="not(contains($v, ':'))">yes</xsl:when>
      <xsl:when test="contains($head, '/') or contains($head, '?') or contains($head, '#')">yes</xsl:when>
      <xsl:otherwise>no</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text: escaped by the serializer. In Japanese a source line break
       between two Japanese characters is dropped rather than shown as a
       space. -->
  <!-- Text without a line break is left to the built-in rule, which
       copies it without evaluating anything: most text is such. -->
  <xsl:template match="text()[contains(., '&#10;')]">
    <xsl:choose>
      <xsl:when test="$cjk">
        <xsl:call-template name="join-lines"><xsl:with-param name="s" select="."/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyzæøå'"/>
  <xsl:variable name="ascii"> !&quot;#$%&amp;'()*+,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~</xsl:variable>

  <xsl:template name="join-lines">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#10;')">
        <xsl:variable name="before" select="substring-before($s, '&#10;')"/>
        <xsl:variable name="after" select="substring-after($s, '&#10;')"/>
        <xsl:value-of select="$before"/>
        <xsl:if test="contains($ascii, substring($before, string-length($before), 1)) or contains($ascii, substring($after, 1, 1))">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:call-template name="join-lines"><xsl:with-param name="s" select="$after"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Anything the template does not know yet keeps its text. -->
  <xsl:template match="pm:*"><xsl:apply-templates/></xsl:template>

</xsl:stylesheet>
