<?xml version="1.0" encoding="UTF-8"?>
<!-- report-style.xsl: the report's CSS, included by report.xsl and written
     into its <style>. Only this fixed text and the labels' page counter
     (escaped for CSS) go there: never text from a source. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pmc="urn:x-pmc:xslt:1"
    exclude-result-prefixes="pmc">

  <xsl:template name="style">
    <xsl:text>
:root {
  --ink: #1d2733; --muted: #5b6878; --faint: #8795a6; --rule: #dde3ea;
  --paper: #ffffff; --wash: #f5f7fa; --accent: #1f4e8c;
  --undetected: #be123c; --unacked: #c2410c; --responding: #e8890c;
  --recovering: #1f7a52; --event: #34495e; --internal: #7a4fc4;
  --overdue: #b42318; --done: #2f7d5b;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { background: var(--wash); }
body {
  margin: 0; color: var(--ink); background: var(--wash);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
    "Helvetica Neue", Arial, "Noto Sans CJK JP", sans-serif;
  -webkit-text-size-adjust: 100%;
}
:lang(ja) body, body:lang(ja) {
  font-family: "Noto Sans CJK JP", "Hiragino Kaku Gothic ProN", "Hiragino Sans",
    "Yu Gothic", Meiryo, system-ui, sans-serif;
  line-height: 1.7;
}
.report {
  max-width: 60rem; margin: 2rem auto; padding: 2.5rem 3rem 2rem;
  background: var(--paper); border: 1px solid var(--rule); border-radius: 6px;
  box-shadow: 0 1px 3px rgba(16, 24, 40, .06);
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 .6em; }
h1 { font-size: 2rem; margin: .25rem 0 1.25rem; letter-spacing: -.01em; }
h2 {
  font-size: 1.3rem; padding-bottom: .35rem; border-bottom: 2px solid var(--rule);
  margin-top: 2.4rem;
}
h3 { font-size: 1.08rem; }
h4, h5, h6 { font-size: 1rem; }
p { margin: .6em 0; }
/* Running text at a comfortable measure: 58ch is 65 to 78 characters
   of Latin text a line; Japanese, all of whose characters are as wide as
   1em, gets 38 of them. Tables and the figure keep the full width. */
.report { --measure: 58ch; }
.report:lang(ja) { --measure: 38em; }
.sec > p, .subsec > p, .sec > ul, .sec > ol, .subsec > ul, .subsec > ol,
.sec > blockquote, .subsec > blockquote, .whys, .internal > p { max-width: var(--measure); }
a { color: var(--accent); text-underline-offset: .15em; }
code {
  font: .88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas,
    "DejaVu Sans Mono", monospace;
  background: var(--wash); border: 1px solid var(--rule); border-radius: 3px;
  padding: .05em .3em;
}
pre {
  background: var(--wash); border: 1px solid var(--rule); border-radius: 4px;
  padding: .75rem 1rem; overflow-x: auto; white-space: pre-wrap;
  overflow-wrap: anywhere;
}
pre code { background: none; border: 0; padding: 0; font-size: .85em; }
blockquote {
  margin: 1em 0; padding: .1em 1em; color: var(--muted);
  border-left: 3px solid var(--rule);
}
hr { border: 0; border-top: 1px solid var(--rule); margin: 1.5em 0; }
ul, ol { padding-left: 1.5em; }
li { margin: .2em 0; }
li.task { list-style: none; margin-left: -1.3em; }
li.task .box { display: inline-block; width: 1.1em; color: var(--muted); }
.image-ref { font-style: italic; }
time { font-variant-numeric: tabular-nums; }

/* Header */
.masthead { border-bottom: 1px solid var(--rule); padding-bottom: 1.25rem; }
.eyebrow {
  margin: 0; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center;
  color: var(--muted); font-size: .85rem;
}
.doc-id { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.badge {
  display: inline-block; padding: .1em .6em; border-radius: 999px;
  font-size: .78rem; font-weight: 600; letter-spacing: .02em;
  border: 1px solid currentColor;
}
.status-final { color: var(--done); }
.status-review { color: #9a6700; }
.status-draft { color: var(--muted); }
.audience { color: var(--internal); }
.facts {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  gap: .9rem 1.5rem; margin: 0;
}
.fact dt {
  font-size: .74rem; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); font-weight: 600;
}
:lang(ja) .fact dt, :lang(ja) .metric dt { text-transform: none; letter-spacing: 0; }
.fact dd { margin: .15rem 0 0; }
.fact.services, .fact.tags { grid-column: span 2; }
.sev {
  display: inline-block; background: var(--ink); color: #fff; font-weight: 700;
  padding: .05em .55em; border-radius: 4px;
}
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
.chips li {
  margin: 0; padding: .05em .55em; border-radius: 4px; background: #e8eef6;
  color: #183b66; font-size: .9rem;
}
.tag-chips li { background: var(--wash); color: var(--muted); font-size: .82rem; }

/* At a glance */
.glance h2 { border: 0; margin-top: 1.6rem; font-size: 1.05rem; color: var(--muted);
  text-transform: uppercase; letter-spacing: .06em; }
:lang(ja) .glance h2 { text-transform: none; letter-spacing: 0; }
.metrics {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
  gap: .75rem; margin: 0 0 1rem;
}
.metric {
  background: var(--wash); border: 1px solid var(--rule); border-radius: 6px;
  padding: .6rem .8rem;
}
.metric dt { font-size: .74rem; color: var(--muted); font-weight: 600;
  text-transform: uppercase; letter-spacing: .05em; }
.metric dd { margin: .2rem 0 0; font-size: 1.35rem; font-weight: 700;
  font-variant-numeric: tabular-nums; white-space: nowrap; }
.metric dd.none { color: var(--muted); }
.metrics-note { font-size: .82rem; color: var(--muted); margin: -.3rem 0 .9rem; }
.follow-up-counts { grid-column: 1 / -1; }
.follow-up-counts dd { display: flex; gap: .25rem .8rem; flex-wrap: wrap; align-items: baseline; }
.count .unit { font-size: .8rem; font-weight: 600; color: var(--muted); }
.count.done { color: var(--done); }
.count.overdue, .count.overdue .unit { color: var(--overdue); }
.milestones {
  list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap;
  gap: .35rem 1.4rem; font-size: .9rem;
}
.milestones li { margin: 0; }
.ms-name { font-weight: 600; }
.milestones .ms-name::before {
  content: ""; display: inline-block; width: .55em; height: .55em;
  margin-right: .4em; transform: rotate(45deg); background: var(--ink);
  vertical-align: .08em;
}

/* The figure */
.course { margin: 0; padding: 0; overflow-x: auto; }
.course figcaption { font-size: .85rem; font-weight: 600; color: var(--muted); margin-bottom: .25rem; }
/* on a phone the figure scrolls sideways rather than shrink its text */
.course-svg { display: block; width: 100%; min-width: 600px; height: auto; overflow: visible; }
.course-svg text { font-family: inherit; fill: var(--ink); }
.course-svg .lane { fill: var(--wash); }
.course-svg .grid { stroke: var(--rule); stroke-width: 1; }
.course-svg .axis, .course-svg .tick { stroke: var(--faint); stroke-width: 1; }
.course-svg .tick-label { font-size: 12px; fill: var(--muted); }
.course-svg .tick-date { font-size: 11px; fill: var(--muted); font-weight: 600; }
.course-svg .ms-line { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 3 3; opacity: .55; }
.course-svg .ms-diamond { fill: var(--ink); stroke: #fff; stroke-width: 1.5; }
.course-svg .ms-name { font-size: 12px; font-weight: 700; }
.course-svg .ms-time { font-size: 11px; fill: var(--muted); }
.course-svg .halo { stroke: var(--paper); stroke-width: 4px; stroke-linejoin: round; fill: var(--paper); }
.course-svg .phase-len { font-size: 11.5px; font-weight: 700; fill: #fff; }
/* white would not read on the light bars (2.6:1 on amber) */
.course-svg .phase-len-acknowledged, .course-svg .phase-len-resolved { fill: var(--ink); }
.phase-started { fill: var(--undetected); background: var(--undetected); }
.phase-detected { fill: var(--unacked); background: var(--unacked); }
.phase-acknowledged { fill: var(--responding); background: var(--responding); }
.phase-mitigated { fill: var(--recovering); background: var(--recovering); }
.phase-resolved { fill: var(--faint); background: var(--faint); }
.course-svg .ev-mark { fill: #fff; stroke: var(--event); stroke-width: 2; }
.course-svg .ev-detected, .course-svg .ev-started { stroke: var(--undetected); fill: var(--undetected); }
.course-svg .ev-acknowledged, .course-svg .ev-escalated { stroke: var(--unacked); fill: var(--unacked); }
.course-svg .ev-mitigated { stroke: var(--recovering); fill: var(--recovering); }
.course-svg .ev-resolved { stroke: var(--ink); fill: var(--ink); }
.legend {
  list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap;
  gap: .2rem 1.2rem; font-size: .8rem; color: var(--muted);
}
.legend li { margin: 0; }
.swatch { display: inline-block; width: .9em; height: .6em; border-radius: 2px;
  margin-right: .35em; vertical-align: .05em; }
.swatch.dot { width: .7em; height: .7em; border-radius: 50%;
  border: 2px solid var(--event); background: #fff; }

/* Tables */
/* A table wider than its column scrolls in its own box, never the page;
   shadows at the edges (drawn only while there is more to see: the
   covers, of the background's colour, scroll with the content and hide
   them at either end) say that it does. */
.table-wrap {
  --cover: var(--paper);
  overflow-x: auto; margin: 1em 0;
  background:
    linear-gradient(to right, var(--cover) 40%, rgba(255, 255, 255, 0)) left / 2rem 100% no-repeat local,
    linear-gradient(to left, var(--cover) 40%, rgba(255, 255, 255, 0)) right / 2rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(16, 24, 40, .22), rgba(16, 24, 40, 0)) left / .8rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(16, 24, 40, .22), rgba(16, 24, 40, 0)) right / .8rem 100% no-repeat scroll;
}
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem;
  border-bottom: 1px solid var(--rule); }
thead th { font-size: .74rem; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); border-bottom: 2px solid var(--rule); }
:lang(ja) thead th, thead th code { text-transform: none; letter-spacing: 0; }
/* Short cells (owner, date, type, status, ticket) keep to one line and
   take no more than they need (the 1% width): the text column gets the
   rest. */
th.short, td.short { white-space: nowrap; width: 1%; }
/* Japanese breaks between phrases (Chromium's auto-phrase), not inside
   a word (サポート/部門, プロ/セス); only a phrase longer than the line
   breaks within itself. Short cells break only at spaces. */
:lang(ja) h1, :lang(ja) h2, :lang(ja) h3, :lang(ja) th, :lang(ja) td,
:lang(ja) dt, :lang(ja) dd, :lang(ja) figcaption, :lang(ja) .legend {
  line-break: strict; word-break: auto-phrase; overflow-wrap: break-word;
}
:lang(ja) .short { word-break: keep-all; }
.al-center { text-align: center; }
.al-right { text-align: right; }
td > p:first-child { margin-top: 0; }
td > p:last-child { margin-bottom: 0; }
table.timeline { table-layout: fixed; }
.timeline col.t, .timeline td.t, .timeline th.t { width: 6.2rem; }
.timeline td.t, .timeline th.t { white-space: nowrap; }
.timeline td.t { font-weight: 600; font-variant-numeric: tabular-nums; }
.timeline tr.day th {
  background: var(--wash); font-size: .82rem; color: var(--ink);
  text-transform: none; letter-spacing: 0; padding: .3rem .6rem;
  border-bottom-width: 1px;
}
.timeline .body { color: var(--muted); }
.timeline .body ul, .timeline .body ol { margin: .3em 0; }
.kind {
  display: inline-block; font-size: .7rem; font-weight: 700; padding: .05em .5em;
  border-radius: 3px; text-transform: uppercase; letter-spacing: .04em;
  color: #fff; background: var(--event); vertical-align: .1em;
}
:lang(ja) .kind { text-transform: none; letter-spacing: 0; }
.kind.kind-started, .kind.kind-detected { background: var(--undetected); }
.kind.kind-acknowledged, .kind.kind-escalated { background: var(--unacked); }
.kind.kind-mitigated { background: var(--recovering); }
.kind.kind-resolved { background: var(--ink); }
.kind.kind-update { background: var(--muted); }
tr.ev-started td.t, tr.ev-detected td.t { color: var(--undetected); }
tr.ev-acknowledged td.t, tr.ev-escalated td.t { color: var(--unacked); }
tr.ev-mitigated td.t { color: var(--recovering); }
.details { display: block; margin-top: .2rem; font-size: .85rem; color: var(--muted); }
.detail { margin-right: 1rem; }
.detail-label { font-weight: 600; }
.detail-label::after { content: ":"; }

/* Five whys */
.whys { list-style: none; padding: 0; margin: 1rem 0; counter-reset: why; }
.why {
  position: relative; counter-increment: why; margin: 0 0 0 1.1rem;
  padding: 0 0 1.1rem 2rem; border-left: 2px solid var(--rule);
}
.why:last-child { border-left-color: transparent; padding-bottom: 0; }
.why::before {
  content: counter(why); position: absolute; left: -1.05rem; top: 0;
  width: 2rem; height: 2rem; border-radius: 50%; background: var(--accent);
  color: #fff; font-weight: 700; text-align: center; line-height: 2rem;
}
.why .question { margin: .25rem 0 .35rem; font-weight: 700; }
.why .answer {
  margin: 0; padding: .45rem .7rem; background: var(--wash);
  border: 1px solid var(--rule); border-radius: 4px;
}
.why-tag, .because-tag {
  font-size: .72rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .05em; color: var(--muted); margin-right: .2rem;
}
:lang(ja) .why-tag, :lang(ja) .because-tag { text-transform: none; letter-spacing: 0; }
.why:last-child .answer { border-color: var(--accent); background: #eef3fa; }

/* Follow-ups */
.state {
  display: inline-block; font-size: .75rem; font-weight: 700; padding: .05em .55em;
  border-radius: 999px; border: 1px solid currentColor; white-space: nowrap;
}
.state-done { color: var(--done); }
.state-open { color: var(--muted); }
.state-overdue { color: #fff; background: var(--overdue); border-color: var(--overdue); }
tr.act-overdue td { background: #fdf1f0; }
tr.act-overdue td.due { color: var(--overdue); font-weight: 700; }
tr.act-done td.what { color: var(--muted); }

/* Internal blocks */
.internal {
  border: 1px dashed var(--internal); border-left: 4px solid var(--internal);
  background: #f7f3fd; border-radius: 4px; padding: .2rem 1rem .6rem; margin: 1rem 0;
}
.internal .table-wrap { --cover: #f7f3fd; }
.internal-span { background: #f7f3fd; border-bottom: 1px dashed var(--internal); }
.internal-tag {
  margin: .3rem 0 0; font-size: .72rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .06em; color: var(--internal);
}
:lang(ja) .internal-tag { text-transform: none; letter-spacing: 0; }
.internal-tag::before { content: "🔒 "; }

.subsec h3 { margin-top: 1.4rem; }
.colophon {
  margin-top: 3rem; padding-top: .75rem; border-top: 1px solid var(--rule);
  font-size: .78rem; color: var(--muted);
}

/* Phones: nothing is wider than the screen. Tables of records (the
   follow-ups, the site index) become a card a row, each cell under its
   column's name; the figure keeps a legible size and scrolls in its box,
   its right edge fading while there is more. */
@media (max-width: 640px) {
  .report { margin: 0; padding: 1.25rem 1rem; border: 0; border-radius: 0; }
  h1 { font-size: 1.5rem; }
  .fact.services, .fact.tags { grid-column: auto; }
  .course { padding-right: 2rem;
    -webkit-mask-image: linear-gradient(to left, transparent, #000 2rem);
    mask-image: linear-gradient(to left, transparent, #000 2rem); }
  .course-svg { min-width: 44rem; }
  .timeline col.t, .timeline td.t, .timeline th.t { width: 4.2rem; }
  th, td { padding: .4rem .45rem; }
  table.cards, .cards tbody, .cards tr, .cards td { display: block; width: auto; }
  .cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; }
  .cards tr { display: flex; flex-direction: column; border: 1px solid var(--rule);
    border-radius: 6px; padding: .5rem .75rem; margin: 0 0 .75rem; }
  .cards td { border: 0; padding: .15rem 0; background: none; text-align: left; }
  .cards td.what { order: -1; padding-bottom: .4rem; }
  .cards tr.act-overdue { background: #fdf1f0; }
  .cards td.short { display: flex; gap: .75rem; white-space: normal; }
  .cards td.short:empty { display: none; }
  .cards td[data-label]::before {
    content: attr(data-label); flex: 0 0 7rem; font-size: .74rem; font-weight: 600;
    color: var(--muted); padding-top: .15em; text-align: left;
  }
}

/* Print: A4, no screen chrome, tables and figures kept whole. */
@media print {
  html, body { background: #fff; }
  body { font-size: 10pt; }
  .report { max-width: none; margin: 0; padding: 0; border: 0; box-shadow: none; }
  h1 { font-size: 20pt; }
  h2 { font-size: 13pt; margin-top: 1.4rem; }
  h2, h3, h4, h5, h6, .timeline tr.day { break-after: avoid-page; }
  /* the glance may break between its tiles and its figure: kept whole,
     it no longer fits under the masthead and left page 1 half empty */
  .metrics, figure, .why, tr, .internal, pre, blockquote, .table-wrap.small {
    break-inside: avoid-page; }
  .glance h2 { break-after: avoid-page; }
  thead { display: table-header-group; }
  .table-wrap, .course { overflow: visible; }
  .course-svg { min-width: 0; }
  a { color: inherit; }
  .metric, .answer, tr.act-overdue td, .internal, .timeline tr.day th, .sev,
  .kind, .state, .chips li, .swatch, .course-svg { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
  p, li { orphans: 3; widows: 3; }
}
</xsl:text>
  </xsl:template>

  <!-- The page box and its counter: "Page 2 of 5" from the label
       page.of, with {n} and {m} as CSS counters. -->
  <xsl:template name="page-style">
    <xsl:text>@page { size: A4; margin: 16mm 15mm 18mm; @bottom-right { content: </xsl:text>
    <xsl:call-template name="css-counter">
      <xsl:with-param name="s" select="pmc:label('page.of')"/>
    </xsl:call-template>
    <xsl:text>; font-size: 8pt; color: #5b6878; } }
</xsl:text>
  </xsl:template>

  <xsl:template name="css-counter">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '{n}') and (not(contains($s, '{m}')) or string-length(substring-before($s, '{n}')) &lt; string-length(substring-before($s, '{m}')))">
        <xsl:call-template name="css-string"><xsl:with-param name="s" select="substring-before($s, '{n}')"/></xsl:call-template>
        <xsl:text> counter(page) </xsl:text>
        <xsl:call-template name="css-counter"><xsl:with-param name="s" select="substring-after($s, '{n}')"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($s, '{m}')">
        <xsl:call-template name="css-string"><xsl:with-param name="s" select="substring-before($s, '{m}')"/></xsl:call-template>
        <xsl:text> counter(pages) </xsl:text>
        <xsl:call-template name="css-counter"><xsl:with-param name="s" select="substring-after($s, '{m}')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="css-string"><xsl:with-param name="s" select="$s"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A CSS string of s: quotes, backslashes, '<' and line breaks as
       CSS escapes, so no label can end the string or the <style>. -->
  <xsl:template name="css-string">
    <xsl:param name="s"/>
    <xsl:text>"</xsl:text>
    <xsl:choose>
      <!-- most labels need no escape: spare them the walk a character
           at a time, which costs as much as the rest of the page -->
      <xsl:when test="translate($s, '&quot;\&lt;&gt;&amp;&#10;&#13;', '') = $s"><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="css-escape"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <xsl:template name="css-escape">
    <xsl:param name="s"/>
    <xsl:if test="$s != ''">
      <xsl:variable name="c" select="substring($s, 1, 1)"/>
      <xsl:choose>
        <xsl:when test="$c = '&quot;'">\22 </xsl:when>
        <xsl:when test="$c = '\'">\5c </xsl:when>
        <xsl:when test="$c = '&lt;'">\3c </xsl:when>
        <xsl:when test="$c = '&gt;'">\3e </xsl:when>
        <xsl:when test="$c = '&amp;'">\26 </xsl:when>
        <xsl:when test="$c = '&#10;' or $c = '&#13;'">\a </xsl:when>
        <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="css-escape"><xsl:with-param name="s" select="substring($s, 2)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
