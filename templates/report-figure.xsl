<?xml version="1.0" encoding="UTF-8"?>
<!-- report-figure.xsl: the course of the incident as inline SVG, included
     by report.xsl. The phases between the milestones (started, detected,
     acknowledged, mitigated, resolved) as a bar on a time axis, the
     timeline's events as marks beneath it.

     The axis adapts to the span: its step is the smallest of 1 min ...
     30 days that gives at most 8 ticks, aligned to the local clock, so a
     20-minute incident reads in minutes and a 3-day one in half days.
     Milestone labels that would overlap are lifted to a second or third
     row; events closer than a mark's width are staggered. Times come from
     pmc:seconds() and go back through pmc:iso() in the document's zone,
     so labels are local times. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pm="urn:x-pmc:postmortem:1"
    xmlns:pmc="urn:x-pmc:xslt:1"
    exclude-result-prefixes="pm pmc">

  <!-- The drawing area, in SVG user units. -->
  <xsl:variable name="fig-w" select="800"/>
  <xsl:variable name="fig-x0" select="20"/>
  <xsl:variable name="fig-x1" select="780"/>
  <xsl:variable name="fig-row" select="30"/>
  <!-- Labels closer than this are put on different rows. -->
  <xsl:variable name="fig-gap" select="130"/>
  <!-- Steps up to 30 days, then 90 days, half a year and years (of
       365.2425 days) up to 10,000: any span the IR can hold (years 1 to
       9999) gets at most 8 ticks, so the tick template's recursion is
       bounded whatever a typo in a year does to the span. -->
  <xsl:variable name="fig-steps" select="'60 120 300 600 900 1800 3600 7200 10800 21600 43200 86400 172800 604800 1209600 2592000 7776000 15778476 31556952 63113904 157784760 315569520 631139040 1577847600 3155695200 6311390400 15778476000 31556952000 63113904000 157784760000 315569520000'"/>

  <xsl:template name="figure">
    <xsl:variable name="ms" select="pm:times/*[@at]"/>
    <xsl:variable name="ev" select=".//pm:timeline/pm:event[@at]"/>
    <!-- "first last", from one sort -->
    <xsl:variable name="span">
      <xsl:for-each select="$ms | $ev">
        <xsl:sort select="pmc:seconds(@at)" data-type="number"/>
        <xsl:if test="position() = 1"><xsl:value-of select="pmc:seconds(@at)"/></xsl:if>
        <xsl:if test="position() = last()"><xsl:text> </xsl:text><xsl:value-of select="pmc:seconds(@at)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="t0" select="substring-before($span, ' ')"/>
    <xsl:variable name="t1" select="substring-after($span, ' ')"/>
    <xsl:if test="($ms or $ev) and string(number($t0)) != 'NaN' and string(number($t1)) != 'NaN'">
      <xsl:call-template name="figure-draw">
        <xsl:with-param name="ms" select="$ms"/>
        <xsl:with-param name="ev" select="$ev"/>
        <xsl:with-param name="t0" select="number($t0)"/>
        <xsl:with-param name="t1" select="number($t1)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="figure-draw">
    <xsl:param name="ms"/>
    <xsl:param name="ev"/>
    <xsl:param name="t0"/>
    <xsl:param name="t1"/>
    <!-- At least 20 minutes are shown, with 4 % to spare on each side. -->
    <xsl:variable name="base">
      <xsl:choose>
        <xsl:when test="$t1 - $t0 &lt; 1200">1200</xsl:when>
        <xsl:otherwise><xsl:value-of select="$t1 - $t0"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="a0" select="($t0 + $t1) div 2 - $base div 2 - $base * 0.04"/>
    <xsl:variable name="a1" select="($t0 + $t1) div 2 + $base div 2 + $base * 0.04"/>
    <xsl:variable name="k" select="($fig-x1 - $fig-x0) div ($a1 - $a0)"/>
    <xsl:variable name="zone" select="string(pm:timezone)"/>
    <xsl:variable name="rows">
      <xsl:call-template name="ms-rows">
        <xsl:with-param name="ms" select="$ms"/>
        <xsl:with-param name="a0" select="$a0"/>
        <xsl:with-param name="k" select="$k"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="nrows">
      <xsl:choose>
        <xsl:when test="contains($rows, '2')">3</xsl:when>
        <xsl:when test="contains($rows, '1')">2</xsl:when>
        <xsl:when test="$ms">1</xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="top" select="$nrows * $fig-row + 10"/>
    <xsl:variable name="axis" select="$top + 82"/>
    <xsl:variable name="h" select="$axis + 44"/>
    <xsl:variable name="title" select="pmc:label('figure.timeline')"/>
    <figure class="course">
      <figcaption><xsl:value-of select="$title"/></figcaption>
      <svg class="course-svg" viewBox="0 0 {$fig-w} {$h}" role="img" aria-label="{$title}">
        <rect class="lane" x="{$fig-x0}" y="{$top}" width="{$fig-x1 - $fig-x0}" height="22" rx="3"/>
        <rect class="lane events-lane" x="{$fig-x0}" y="{$top + 34}" width="{$fig-x1 - $fig-x0}" height="36" rx="3"/>
        <xsl:call-template name="ticks">
          <xsl:with-param name="t" select="$a0"/>
          <xsl:with-param name="a0" select="$a0"/>
          <xsl:with-param name="a1" select="$a1"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="zone" select="$zone"/>
          <xsl:with-param name="top" select="$top"/>
          <xsl:with-param name="axis" select="$axis"/>
        </xsl:call-template>
        <xsl:call-template name="phases">
          <xsl:with-param name="ms" select="$ms"/>
          <xsl:with-param name="a0" select="$a0"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="top" select="$top"/>
        </xsl:call-template>
        <xsl:call-template name="ms-marks">
          <xsl:with-param name="ms" select="$ms"/>
          <xsl:with-param name="a0" select="$a0"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="rows" select="$rows"/>
          <xsl:with-param name="nrows" select="$nrows"/>
          <xsl:with-param name="top" select="$top"/>
          <xsl:with-param name="axis" select="$axis"/>
        </xsl:call-template>
        <xsl:call-template name="ev-marks">
          <xsl:with-param name="ev" select="$ev"/>
          <xsl:with-param name="a0" select="$a0"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="y" select="$top + 52"/>
        </xsl:call-template>
        <line class="axis" x1="{$fig-x0}" y1="{$axis}" x2="{$fig-x1}" y2="{$axis}"/>
      </svg>
      <xsl:call-template name="legend"><xsl:with-param name="ms" select="$ms"/></xsl:call-template>
    </figure>
  </xsl:template>

  <!-- A milestone group: the milestones at one instant (detected and
       acknowledged often are), named together. Only the first of a
       group is drawn. -->
  <xsl:template name="ms-name">
    <xsl:param name="m"/>
    <xsl:for-each select="$m/../*[@at = $m/@at]">
      <xsl:if test="position() &gt; 1"> · </xsl:if>
      <xsl:value-of select="pmc:label(concat('milestone.', local-name()))"/>
    </xsl:for-each>
  </xsl:template>

  <!-- One digit per milestone group, its label row: 0 next to the bar, a
       higher row when it would touch the label before it. -->
  <xsl:template name="ms-rows">
    <xsl:param name="ms"/>
    <xsl:param name="a0"/>
    <xsl:param name="k"/>
    <xsl:param name="i" select="1"/>
    <xsl:param name="prev-x" select="-1000"/>
    <xsl:param name="prev-row" select="0"/>
    <xsl:variable name="m" select="$ms[$i]"/>
    <xsl:if test="$m">
      <xsl:choose>
        <xsl:when test="$i &gt; 1 and $ms[$i - 1]/@at = $m/@at">
          <xsl:call-template name="ms-rows">
            <xsl:with-param name="ms" select="$ms"/>
            <xsl:with-param name="a0" select="$a0"/>
            <xsl:with-param name="k" select="$k"/>
            <xsl:with-param name="i" select="$i + 1"/>
            <xsl:with-param name="prev-x" select="$prev-x"/>
            <xsl:with-param name="prev-row" select="$prev-row"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="x" select="$fig-x0 + (pmc:seconds($m/@at) - $a0) * $k"/>
          <xsl:variable name="row">
            <xsl:choose>
              <xsl:when test="$x - $prev-x &lt; $fig-gap"><xsl:value-of select="($prev-row + 1) mod 3"/></xsl:when>
              <xsl:otherwise>0</xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:value-of select="$row"/>
          <xsl:call-template name="ms-rows">
            <xsl:with-param name="ms" select="$ms"/>
            <xsl:with-param name="a0" select="$a0"/>
            <xsl:with-param name="k" select="$k"/>
            <xsl:with-param name="i" select="$i + 1"/>
            <xsl:with-param name="prev-x" select="$x"/>
            <xsl:with-param name="prev-row" select="number($row)"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- Milestones: a line down to the axis, a diamond on the bar, the name
       and the local time above. -->
  <xsl:template name="ms-marks">
    <xsl:param name="ms"/>
    <xsl:param name="a0"/>
    <xsl:param name="k"/>
    <xsl:param name="rows"/>
    <xsl:param name="nrows"/>
    <xsl:param name="top"/>
    <xsl:param name="axis"/>
    <!-- lines and diamonds first, so that no line crosses a label -->
    <xsl:for-each select="$ms[not(@at = preceding-sibling::*[1]/@at)]">
      <xsl:variable name="x" select="round(($fig-x0 + (pmc:seconds(@at) - $a0) * $k) * 10) div 10"/>
      <xsl:variable name="y" select="$top - 20 - number(substring($rows, position(), 1)) * $fig-row"/>
      <line class="ms-line" x1="{$x}" y1="{$y + 5}" x2="{$x}" y2="{$axis}"/>
      <path class="ms-diamond" d="M{$x} {$top + 3}l8 8-8 8-8-8z"/>
    </xsl:for-each>
    <xsl:for-each select="$ms[not(@at = preceding-sibling::*[1]/@at)]">
      <xsl:variable name="x" select="round(($fig-x0 + (pmc:seconds(@at) - $a0) * $k) * 10) div 10"/>
      <xsl:variable name="row" select="number(substring($rows, position(), 1))"/>
      <xsl:variable name="y" select="$top - 20 - $row * $fig-row"/>
      <xsl:variable name="anchor">
        <xsl:choose>
          <xsl:when test="$x &lt; $fig-x0 + 70">start</xsl:when>
          <xsl:when test="$x &gt; $fig-x1 - 70">end</xsl:when>
          <xsl:otherwise>middle</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="name">
        <xsl:call-template name="ms-name"><xsl:with-param name="m" select="."/></xsl:call-template>
      </xsl:variable>
      <xsl:variable name="time" select="pmc:datetime(@at, 'short')"/>
      <!-- each label twice: a halo in the paper colour beneath, so that
           lines and other marks do not run through the letters -->
      <g class="ms ms-{local-name()}">
        <text class="ms-name halo" x="{$x}" y="{$y - 10}" text-anchor="{$anchor}"><xsl:value-of select="$name"/></text>
        <text class="ms-time halo" x="{$x}" y="{$y + 2}" text-anchor="{$anchor}"><xsl:value-of select="$time"/></text>
        <text class="ms-name" x="{$x}" y="{$y - 10}" text-anchor="{$anchor}"><xsl:value-of select="$name"/></text>
        <text class="ms-time" x="{$x}" y="{$y + 2}" text-anchor="{$anchor}"><xsl:value-of select="$time"/></text>
      </g>
    </xsl:for-each>
  </xsl:template>

  <!-- The phase from each milestone group to the next, with its length
       written in it when there is room. -->
  <xsl:template name="phases">
    <xsl:param name="ms"/>
    <xsl:param name="a0"/>
    <xsl:param name="k"/>
    <xsl:param name="top"/>
    <xsl:for-each select="$ms[not(@at = following-sibling::*[1]/@at)]">
      <xsl:variable name="next" select="following-sibling::*[@at][1]"/>
      <xsl:if test="$next">
        <xsl:variable name="s" select="pmc:seconds(@at)"/>
        <xsl:variable name="e" select="pmc:seconds($next/@at)"/>
        <xsl:variable name="x" select="round(($fig-x0 + ($s - $a0) * $k) * 10) div 10"/>
        <xsl:variable name="w" select="round(($e - $s) * $k * 10) div 10"/>
        <rect class="phase phase-{local-name()}" x="{$x}" y="{$top}" width="{$w}" height="22">
          <title>
            <xsl:value-of select="pmc:label(concat('milestone.', local-name()))"/>
            <xsl:text> – </xsl:text>
            <xsl:value-of select="pmc:label(concat('milestone.', local-name($next)))"/>
            <xsl:text>: </xsl:text>
            <xsl:value-of select="pmc:duration($e - $s)"/>
          </title>
        </rect>
        <xsl:variable name="d" select="pmc:duration($e - $s)"/>
        <xsl:if test="$w &gt; string-length($d) * 7 + 16">
          <text class="phase-len phase-len-{local-name()}" x="{$x + $w div 2}" y="{$top + 15}" text-anchor="middle"><xsl:value-of select="$d"/></text>
        </xsl:if>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- Events: a dot each; a dot that would cover the one before it is
       lifted or lowered (alternately, so a cluster fans out); hovering
       one shows its time and text. -->
  <xsl:template name="ev-marks">
    <xsl:param name="ev"/>
    <xsl:param name="a0"/>
    <xsl:param name="k"/>
    <xsl:param name="y"/>
    <xsl:for-each select="$ev">
      <xsl:variable name="t" select="pmc:seconds(@at)"/>
      <xsl:variable name="prev" select="preceding-sibling::pm:event[1]"/>
      <!-- a number, not a tree fragment: this runs once an event -->
      <xsl:variable name="dy" select="(11 - 22 * (position() mod 2)) * number($prev and ($t - pmc:seconds($prev/@at)) * $k &lt; 9)"/>
      <circle r="5" cx="{round(($fig-x0 + ($t - $a0) * $k) * 10) div 10}" cy="{$y + $dy}">
        <xsl:attribute name="class">
          <xsl:text>ev-mark</xsl:text>
          <xsl:if test="@kind"> ev-<xsl:value-of select="@kind"/></xsl:if>
        </xsl:attribute>
        <title>
          <xsl:value-of select="pmc:datetime(@at, 'short')"/>
          <xsl:text> – </xsl:text>
          <xsl:value-of select="normalize-space(pm:text)"/>
        </title>
      </circle>
    </xsl:for-each>
  </xsl:template>

  <!-- The axis: the step, then the ticks from the first multiple of the
       step on the local clock. -->
  <xsl:template name="step">
    <xsl:param name="span"/>
    <xsl:param name="list" select="$fig-steps"/>
    <xsl:variable name="s" select="substring-before(concat($list, ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="$span div $s &lt;= 8 or not(contains($list, ' '))"><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="step">
          <xsl:with-param name="span" select="$span"/>
          <xsl:with-param name="list" select="substring-after($list, ' ')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Seconds east of UTC of an xs:dateTime's "+HH:MM" (0 for "Z"). -->
  <xsl:template name="offset">
    <xsl:param name="iso"/>
    <xsl:variable name="o" select="substring($iso, 20, 6)"/>
    <xsl:choose>
      <xsl:when test="string-length($o) = 6">
        <xsl:variable name="v" select="substring($o, 2, 2) * 3600 + substring($o, 5, 2) * 60"/>
        <xsl:choose>
          <xsl:when test="starts-with($o, '-')"><xsl:value-of select="-$v"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ticks">
    <xsl:param name="a0"/>
    <xsl:param name="a1"/>
    <xsl:param name="k"/>
    <xsl:param name="zone"/>
    <xsl:param name="top"/>
    <xsl:param name="axis"/>
    <xsl:variable name="step">
      <xsl:call-template name="step"><xsl:with-param name="span" select="$a1 - $a0"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="off">
      <xsl:call-template name="offset"><xsl:with-param name="iso" select="pmc:iso($a0, $zone)"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <!-- a span of years: ticks on round years of the calendar -->
      <xsl:when test="$step &gt;= 31556952">
        <xsl:variable name="years" select="round($step div 31556952)"/>
        <!-- before year 1 (the axis's margin), or no year: from 1 on -->
        <xsl:variable name="y0" select="number(substring(pmc:iso($a0, $zone), 1, 4))"/>
        <xsl:call-template name="year-tick">
          <xsl:with-param name="y" select="(ceiling($y0 div $years) * $years) * ($y0 &gt;= 1) + $years * not($y0 &gt;= 1)"/>
          <xsl:with-param name="years" select="$years"/>
          <xsl:with-param name="a0" select="$a0"/>
          <xsl:with-param name="a1" select="$a1"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="top" select="$top"/>
          <xsl:with-param name="axis" select="$axis"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tick">
          <xsl:with-param name="t" select="ceiling(($a0 + $off) div $step) * $step - $off"/>
          <xsl:with-param name="step" select="number($step)"/>
          <xsl:with-param name="a0" select="$a0"/>
          <xsl:with-param name="a1" select="$a1"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="zone" select="$zone"/>
          <xsl:with-param name="top" select="$top"/>
          <xsl:with-param name="axis" select="$axis"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A tick on 1 January of year y (UTC: a day is nothing at this
       scale), then every years after it; a year past 9999 is no
       timestamp (NaN) and ends the axis. -->
  <xsl:template name="year-tick">
    <xsl:param name="y"/>
    <xsl:param name="years"/>
    <xsl:param name="a0"/>
    <xsl:param name="a1"/>
    <xsl:param name="k"/>
    <xsl:param name="top"/>
    <xsl:param name="axis"/>
    <xsl:param name="n" select="0"/>
    <xsl:variable name="t" select="pmc:seconds(concat(format-number($y, '0000'), '-01-01T00:00:00Z'))"/>
    <xsl:if test="$t &lt;= $a1 and $n &lt; 12">
      <xsl:variable name="x" select="round(($fig-x0 + ($t - $a0) * $k) * 10) div 10"/>
      <line class="grid" x1="{$x}" y1="{$top - 4}" x2="{$x}" y2="{$axis}"/>
      <line class="tick" x1="{$x}" y1="{$axis}" x2="{$x}" y2="{$axis + 5}"/>
      <text class="tick-label" x="{$x}" y="{$axis + 19}" text-anchor="middle"><xsl:value-of select="$y"/></text>
      <xsl:call-template name="year-tick">
        <xsl:with-param name="y" select="$y + $years"/>
        <xsl:with-param name="years" select="$years"/>
        <xsl:with-param name="a0" select="$a0"/>
        <xsl:with-param name="a1" select="$a1"/>
        <xsl:with-param name="k" select="$k"/>
        <xsl:with-param name="top" select="$top"/>
        <xsl:with-param name="axis" select="$axis"/>
        <xsl:with-param name="n" select="$n + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tick">
    <xsl:param name="t"/>
    <xsl:param name="step"/>
    <xsl:param name="a0"/>
    <xsl:param name="a1"/>
    <xsl:param name="k"/>
    <xsl:param name="zone"/>
    <xsl:param name="top"/>
    <xsl:param name="axis"/>
    <xsl:param name="prev-day" select="''"/>
    <xsl:param name="n" select="0"/>
    <!-- n: never more ticks than the step allows, even if a rounding
         slip made the step too small -->
    <xsl:if test="$t &lt;= $a1 and $n &lt; 12">
      <xsl:variable name="x" select="round(($fig-x0 + ($t - $a0) * $k) * 10) div 10"/>
      <xsl:variable name="iso" select="pmc:iso($t, $zone)"/>
      <xsl:variable name="day" select="substring($iso, 1, 10)"/>
      <!-- "27 Apr 00:00" less its time: the short date of the language -->
      <xsl:variable name="short" select="pmc:datetime($iso, 'short')"/>
      <xsl:variable name="date" select="substring($short, 1, string-length($short) - 6)"/>
      <line class="grid" x1="{$x}" y1="{$top - 4}" x2="{$x}" y2="{$axis}"/>
      <line class="tick" x1="{$x}" y1="{$axis}" x2="{$x}" y2="{$axis + 5}"/>
      <xsl:choose>
        <xsl:when test="$step &gt;= 7776000">
          <text class="tick-label" x="{$x}" y="{$axis + 19}" text-anchor="middle"><xsl:value-of select="substring($iso, 1, 7)"/></text>
        </xsl:when>
        <xsl:when test="$step &gt;= 86400">
          <text class="tick-label" x="{$x}" y="{$axis + 19}" text-anchor="middle"><xsl:value-of select="$date"/></text>
        </xsl:when>
        <xsl:otherwise>
          <text class="tick-label" x="{$x}" y="{$axis + 19}" text-anchor="middle"><xsl:value-of select="pmc:datetime($iso, 'time')"/></text>
          <xsl:if test="$day != $prev-day">
            <text class="tick-date" x="{$x}" y="{$axis + 34}" text-anchor="middle"><xsl:value-of select="$date"/></text>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="tick">
        <xsl:with-param name="t" select="$t + $step"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="a0" select="$a0"/>
        <xsl:with-param name="a1" select="$a1"/>
        <xsl:with-param name="k" select="$k"/>
        <xsl:with-param name="zone" select="$zone"/>
        <xsl:with-param name="top" select="$top"/>
        <xsl:with-param name="axis" select="$axis"/>
        <xsl:with-param name="prev-day" select="$day"/>
        <xsl:with-param name="n" select="$n + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- What the colours mean: the phases drawn, and the event marks. -->
  <xsl:template name="legend">
    <xsl:param name="ms"/>
    <ul class="legend">
      <xsl:for-each select="$ms[not(@at = following-sibling::*[1]/@at)]">
        <xsl:variable name="next" select="following-sibling::*[@at][1]"/>
        <xsl:if test="$next">
          <li>
            <span class="swatch phase-{local-name()}"></span>
            <xsl:value-of select="pmc:label(concat('milestone.', local-name()))"/>
            <xsl:text> → </xsl:text>
            <xsl:value-of select="pmc:label(concat('milestone.', local-name($next)))"/>
          </li>
        </xsl:if>
      </xsl:for-each>
      <li><span class="swatch dot"></span><xsl:value-of select="pmc:label('section.timeline')"/></li>
    </ul>
  </xsl:template>

</xsl:stylesheet>
