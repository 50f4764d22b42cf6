<?xml version="1.0" encoding="UTF-8"?>
<!-- digest.xsl: the HTML page of `pmc digest`. Its input is the digest
     pmc wrote as GitHub Markdown (src/digest.c), rendered to HTML by
     libcmark-gfm (raw HTML is never passed through) and read back as a
     tree: <digest lang=".." title=".."> holding the body's elements. This
     file gives it the reports' look (report-style.xsl) and nothing else:
     every number is decided in C, once, for both formats. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pmc="urn:x-pmc:xslt:1"
    exclude-result-prefixes="pmc">

  <xsl:include href="report-style.xsl"/>

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
        <style><xsl:call-template name="style"/><xsl:call-template name="page-style"/>
.digest h1 { margin-bottom: 1rem; }
.digest > ul { list-style: none; padding: 0; display: grid; gap: .35rem 2rem;
  grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
.digest > ul li { margin: 0; }
.digest table { display: block; overflow-x: auto; }
/* dates, ids, severities, durations, owners and counts on one line; the
   titles, impact lines and items take what is left */
.digest td:not(:nth-child(2)):not(:nth-child(5)) { white-space: nowrap; }
</style>
      </head>
      <body>
        <article class="report digest">
          <xsl:copy-of select="digest/node()"/>
          <footer class="colophon">
            <xsl:value-of select="pmc:label('generated')"/>
          </footer>
        </article>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
