<?xml version="1.0" encoding="UTF-8"?>
<!-- charts.xsl: the cross-incident charts, drawn as inline SVG, for the
     site index (index.xsl) and the digest (digest.xsl). Every number is
     decided in C (src/charts.c, pm_charts_xml): the input is a parent
     element holding <severities> and the four <figure>s, in the site
     namespace, and this file only draws them. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:x-pmc:site:1"
    xmlns:pmc="urn:x-pmc:xslt:1"
    exclude-result-prefixes="s pmc">

  <!-- Chart geometry, in SVG user units. -->
  <xsl:variable name="w" select="400"/>
  <xsl:variable name="label-w" select="150"/>
  <xsl:variable name="bar-h" select="18"/>

  <!-- s with the first key replaced by value ("{n} postmortems"). -->
  <xsl:template name="fill">
    <xsl:param name="s"/>
    <xsl:param name="key"/>
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="contains($s, $key)">
        <xsl:value-of select="substring-before($s, $key)"/>
        <xsl:value-of select="$value"/>
        <xsl:value-of select="substring-after($s, $key)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The severities' colours, by rank on the policy's scale (pmc build
       decides them: pm_severity_color), as rules: the page carries no
       style attribute. -->
  <xsl:template name="severity-style">
    <xsl:for-each select="s:severities/s:severity">
      <xsl:value-of select="concat('.sev-', @rank, ' { fill: ', @color, '; background: ', @color, '; }&#10;')"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The severities' colours, shared by the table and the charts. -->
  <xsl:template name="legend">
    <ul class="legend sev-legend">
      <li class="legend-title"><xsl:value-of select="pmc:label('field.severity')"/></li>
      <xsl:for-each select="s:severities/s:severity">
        <li>
          <span class="swatch sev-{@rank}"/>
          <xsl:value-of select="@name"/>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- Charts -->

  <xsl:template match="s:figure">
    <figure class="chart chart-{@key}">
      <figcaption>
        <xsl:choose>
          <xsl:when test="@key = 'per-month' and @unit = 'year'">
            <xsl:value-of select="pmc:label('chart.per-year')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="pmc:label(concat('chart.', @key))"/>
          </xsl:otherwise>
        </xsl:choose>
      </figcaption>
      <xsl:choose>
        <xsl:when test="not(s:bucket | s:row)">
          <p class="no-data"><xsl:value-of select="pmc:label('chart.no-data')"/></p>
        </xsl:when>
        <xsl:when test="@key = 'per-month'"><xsl:call-template name="per-month"/></xsl:when>
        <xsl:when test="@key = 'medians'"><xsl:call-template name="medians"/></xsl:when>
        <xsl:when test="@key = 'detected-by'"><xsl:call-template name="detected-by"/></xsl:when>
        <xsl:when test="@key = 'follow-ups'"><xsl:call-template name="follow-ups"/></xsl:when>
      </xsl:choose>
    </figure>
  </xsl:template>

  <!-- Stacked columns: one per month (or year), a segment per severity. -->
  <xsl:template name="per-month">
    <xsl:variable name="h" select="220"/>
    <xsl:variable name="x0" select="34"/>
    <xsl:variable name="top" select="10"/>
    <xsl:variable name="base" select="$h - 36"/>
    <xsl:variable name="n" select="count(s:bucket)"/>
    <xsl:variable name="slot" select="($w - $x0 - 6) div $n"/>
    <xsl:variable name="bw" select="$slot * 0.72"/>
    <xsl:variable name="scale" select="($base - $top) div @top"/>
    <xsl:variable name="every" select="ceiling($n div 8)"/>
    <svg class="chart-svg" viewBox="0 0 {$w} {$h}" role="img">
      <xsl:call-template name="gridlines">
        <xsl:with-param name="v" select="0"/>
        <xsl:with-param name="step" select="@step"/>
        <xsl:with-param name="max" select="@top"/>
        <xsl:with-param name="x0" select="$x0"/>
        <xsl:with-param name="base" select="$base"/>
        <xsl:with-param name="scale" select="$scale"/>
      </xsl:call-template>
      <xsl:for-each select="s:bucket">
        <xsl:variable name="i" select="position() - 1"/>
        <xsl:variable name="x" select="$x0 + $i * $slot + ($slot - $bw) div 2"/>
        <xsl:variable name="key" select="@key"/>
        <xsl:for-each select="s:count">
          <rect class="sev-{@rank}" x="{format-number($x, '0.##')}"
                y="{format-number($base - (@below + @n) * $scale, '0.##')}"
                width="{format-number($bw, '0.##')}"
                height="{format-number(@n * $scale, '0.##')}">
            <title>
              <xsl:value-of select="$key"/>
              <xsl:text> · </xsl:text>
              <xsl:value-of select="../../../s:severities/s:severity[@rank = current()/@rank]/@name"/>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="@n"/>
            </title>
          </rect>
        </xsl:for-each>
        <xsl:if test="@total &gt; 0 and $n &lt;= 24">
          <text class="value" text-anchor="middle" x="{format-number($x + $bw div 2, '0.##')}"
                y="{format-number($base - @total * $scale - 4, '0.##')}">
            <xsl:value-of select="@total"/>
          </text>
        </xsl:if>
        <xsl:if test="$i mod $every = 0">
          <text class="tick-label" text-anchor="middle"
                x="{format-number($x + $bw div 2, '0.##')}" y="{$base + 16}">
            <xsl:value-of select="@key"/>
          </text>
        </xsl:if>
      </xsl:for-each>
      <line class="axis" x1="{$x0}" x2="{$w - 6}" y1="{$base}" y2="{$base}"/>
    </svg>
  </xsl:template>

  <!-- Horizontal lines at each step of a count axis, with their values. -->
  <xsl:template name="gridlines">
    <xsl:param name="v"/>
    <xsl:param name="step"/>
    <xsl:param name="max"/>
    <xsl:param name="x0"/>
    <xsl:param name="base"/>
    <xsl:param name="scale"/>
    <xsl:if test="$v &lt;= $max">
      <xsl:variable name="y" select="format-number($base - $v * $scale, '0.##')"/>
      <line class="grid" x1="{$x0}" x2="{$w - 6}" y1="{$y}" y2="{$y}"/>
      <text class="tick-label" text-anchor="end" x="{$x0 - 6}" y="{$y + 4}">
        <xsl:value-of select="$v"/>
      </text>
      <xsl:call-template name="gridlines">
        <xsl:with-param name="v" select="$v + $step"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="max" select="$max"/>
        <xsl:with-param name="x0" select="$x0"/>
        <xsl:with-param name="base" select="$base"/>
        <xsl:with-param name="scale" select="$scale"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Two bars per severity: median time to detect and to resolve, on one
       linear scale, each with its value written beside it. -->
  <xsl:template name="medians">
    <xsl:variable name="row-h" select="2 * $bar-h + 16"/>
    <xsl:variable name="h" select="count(s:row) * $row-h + 30"/>
    <xsl:variable name="room" select="$w - $label-w - 90"/>
    <xsl:variable name="scale" select="$room div @max"/>
    <svg class="chart-svg" viewBox="0 0 {$w} {$h}" role="img">
      <xsl:for-each select="s:row">
        <xsl:variable name="y" select="(position() - 1) * $row-h + 4"/>
        <text class="row-label" x="{$label-w - 8}" y="{$y + $bar-h + 5}" text-anchor="end">
          <xsl:value-of select="@severity"/>
        </text>
        <xsl:call-template name="median-bar">
          <xsl:with-param name="m" select="s:ttd"/>
          <xsl:with-param name="y" select="$y"/>
          <xsl:with-param name="scale" select="$scale"/>
          <xsl:with-param name="class" select="'ttd'"/>
        </xsl:call-template>
        <xsl:call-template name="median-bar">
          <xsl:with-param name="m" select="s:ttr"/>
          <xsl:with-param name="y" select="$y + $bar-h + 2"/>
          <xsl:with-param name="scale" select="$scale"/>
          <xsl:with-param name="class" select="'ttr'"/>
        </xsl:call-template>
      </xsl:for-each>
      <line class="axis" x1="{$label-w}" x2="{$label-w}" y1="0" y2="{$h - 26}"/>
      <rect class="ttd" x="{$label-w}" y="{$h - 16}" width="12" height="10"/>
      <text class="tick-label" x="{$label-w + 16}" y="{$h - 7}">
        <xsl:value-of select="pmc:label('metric.time-to-detect')"/>
      </text>
      <rect class="ttr" x="{$label-w + 150}" y="{$h - 16}" width="12" height="10"/>
      <text class="tick-label" x="{$label-w + 166}" y="{$h - 7}">
        <xsl:value-of select="pmc:label('metric.time-to-resolve')"/>
      </text>
    </svg>
  </xsl:template>

  <xsl:template name="median-bar">
    <xsl:param name="m"/>
    <xsl:param name="y"/>
    <xsl:param name="scale"/>
    <xsl:param name="class"/>
    <xsl:variable name="len">
      <xsl:choose>
        <xsl:when test="$m and $m/@seconds * $scale &lt; 2 and $m/@seconds &gt; 0">2</xsl:when>
        <xsl:when test="$m"><xsl:value-of select="$m/@seconds * $scale"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <rect class="{$class}" x="{$label-w}" y="{$y}" width="{format-number($len, '0.##')}" height="{$bar-h}">
      <title>
        <xsl:choose>
          <xsl:when test="$class = 'ttd'"><xsl:value-of select="pmc:label('metric.time-to-detect')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="pmc:label('metric.time-to-resolve')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text> (n = </xsl:text>
        <xsl:value-of select="$m/@n"/>
        <xsl:text>)</xsl:text>
      </title>
    </rect>
    <text class="value" x="{format-number($label-w + $len + 5, '0.##')}" y="{$y + $bar-h - 5}">
      <xsl:choose>
        <xsl:when test="$m"><xsl:value-of select="pmc:duration($m/@seconds)"/></xsl:when>
        <xsl:otherwise>–</xsl:otherwise>
      </xsl:choose>
    </text>
  </xsl:template>

  <!-- One bar per way of detection. -->
  <xsl:template name="detected-by">
    <xsl:variable name="row-h" select="$bar-h + 8"/>
    <xsl:variable name="h" select="count(s:row) * $row-h + 4"/>
    <xsl:variable name="scale" select="($w - $label-w - 40) div @top"/>
    <svg class="chart-svg" viewBox="0 0 {$w} {$h}" role="img">
      <xsl:for-each select="s:row">
        <xsl:variable name="y" select="(position() - 1) * $row-h + 2"/>
        <text class="row-label" x="{$label-w - 8}" y="{$y + $bar-h - 5}" text-anchor="end">
          <xsl:choose>
            <xsl:when test="@key = ''"><xsl:value-of select="pmc:label('chart.unknown')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="pmc:label(concat('detected-by.', @key))"/></xsl:otherwise>
          </xsl:choose>
        </text>
        <rect class="way way-{@key}" x="{$label-w}" y="{$y}"
              width="{format-number(@n * $scale, '0.##')}" height="{$bar-h}"/>
        <text class="value" x="{format-number($label-w + @n * $scale + 5, '0.##')}" y="{$y + $bar-h - 5}">
          <xsl:value-of select="@n"/>
        </text>
      </xsl:for-each>
      <line class="axis" x1="{$label-w}" x2="{$label-w}" y1="0" y2="{$h}"/>
    </svg>
  </xsl:template>

  <!-- Open follow-ups per owner, the overdue part of each bar in red. -->
  <xsl:template name="follow-ups">
    <xsl:variable name="row-h" select="$bar-h + 8"/>
    <xsl:variable name="h" select="count(s:row) * $row-h + 26"/>
    <xsl:variable name="scale" select="($w - $label-w - 70) div @top"/>
    <svg class="chart-svg" viewBox="0 0 {$w} {$h}" role="img">
      <xsl:for-each select="s:row">
        <xsl:variable name="y" select="(position() - 1) * $row-h + 2"/>
        <text class="row-label" x="{$label-w - 8}" y="{$y + $bar-h - 5}" text-anchor="end">
          <xsl:choose>
            <xsl:when test="@others">
              <xsl:call-template name="fill">
                <xsl:with-param name="s" select="pmc:label('chart.others')"/>
                <xsl:with-param name="key" select="'{n}'"/>
                <xsl:with-param name="value" select="@owners"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test="@owner = ''"><xsl:value-of select="pmc:label('chart.nobody')"/></xsl:when>
            <xsl:when test="string-length(@owner) &gt; 22">
              <xsl:value-of select="substring(@owner, 1, 21)"/>
              <xsl:text>…</xsl:text>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="@owner"/></xsl:otherwise>
          </xsl:choose>
          <title><xsl:value-of select="@owner"/></title>
        </text>
        <rect class="open" x="{$label-w}" y="{$y}"
              width="{format-number(@open * $scale, '0.##')}" height="{$bar-h}"/>
        <xsl:if test="@overdue &gt; 0">
          <rect class="overdue" x="{$label-w}" y="{$y}"
                width="{format-number(@overdue * $scale, '0.##')}" height="{$bar-h}"/>
        </xsl:if>
        <text class="value" x="{format-number($label-w + @open * $scale + 5, '0.##')}" y="{$y + $bar-h - 5}">
          <xsl:value-of select="@open"/>
          <xsl:if test="@overdue &gt; 0">
            <tspan class="overdue-text">
              <xsl:text> (</xsl:text>
              <xsl:value-of select="@overdue"/>
              <xsl:text>)</xsl:text>
            </tspan>
          </xsl:if>
        </text>
      </xsl:for-each>
      <line class="axis" x1="{$label-w}" x2="{$label-w}" y1="0" y2="{$h - 22}"/>
      <rect class="open" x="{$label-w}" y="{$h - 16}" width="12" height="10"/>
      <text class="tick-label" x="{$label-w + 16}" y="{$h - 7}">
        <xsl:value-of select="pmc:label('action.open')"/>
      </text>
      <rect class="overdue" x="{$label-w + 110}" y="{$h - 16}" width="12" height="10"/>
      <text class="tick-label" x="{$label-w + 126}" y="{$h - 7}">
        <xsl:value-of select="pmc:label('action.overdue')"/>
      </text>
    </svg>
  </xsl:template>

  <xsl:template name="chart-style">
    <xsl:text>
.sev-legend { margin-top: 0; }
.legend-title { font-weight: 600; }
.charts {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(min(26rem, 100%), 1fr));
  gap: 1.25rem 2rem; margin: 1.5rem 0 2rem;
}
.chart { margin: 0; padding: .8rem 1rem .6rem; background: var(--wash);
  border: 1px solid var(--rule); border-radius: 6px; break-inside: avoid-page; }
.chart figcaption { font-size: .85rem; font-weight: 600; color: var(--muted);
  margin-bottom: .5rem; }
.chart-svg { display: block; width: 100%; height: auto; overflow: visible; }
.chart-svg text { font-family: inherit; fill: var(--ink); }
.chart-svg .tick-label { font-size: 11px; fill: var(--muted); }
.chart-svg .row-label { font-size: 12px; }
.chart-svg .value { font-size: 11.5px; font-weight: 600; font-variant-numeric: tabular-nums; }
.chart-svg .grid { stroke: var(--rule); stroke-width: 1; }
.chart-svg .axis { stroke: var(--faint); stroke-width: 1; }
.chart-svg .ttd { fill: var(--unacked); }
.chart-svg .ttr { fill: var(--accent); }
.chart-svg .way { fill: var(--event); }
.chart-svg .open { fill: var(--faint); }
.chart-svg .overdue { fill: var(--overdue); }
.chart-svg .overdue-text { fill: var(--overdue); }
.no-data { color: var(--muted); font-size: .9rem; }
@media (max-width: 640px) {
  .chart { padding: .6rem .5rem .5rem; }
}
@media print {
  .charts { grid-template-columns: 1fr 1fr; }
  .chart, .sev, .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
</xsl:text>
  </xsl:template>
</xsl:stylesheet>
