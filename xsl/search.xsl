<?xml version="1.0" encoding="UTF-8"?>
<!-- search.xsl: view="search", the customer search (xsl/PAGES.md), and the
     search form "search-form" that the start page also shows.
     <search q="eva" min="2" max="100" kind="name|pnr" limit="50" more="0|1"
             error="too-short|too-long|bad-char|bad-number">
       <placement …/> one per hit
     </search> -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:insats:fragment" exclude-result-prefixes="f">

  <xsl:template match="page[@view = 'search']" mode="title">
    <xsl:choose>
      <xsl:when test="string(search/@error) != ''">Fel i sökningen – Sök kund</xsl:when>
      <xsl:when test="string(search/@q) != ''">Sökresultat – Sök kund</xsl:when>
      <xsl:otherwise>Sök kund</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@view = 'search']" mode="main">
    <h1>Sök kund</h1>
    <xsl:if test="string(search/@error) != ''">
      <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1"
           id="error-summary">
        <h2 id="error-summary-title">Sökningen kunde inte göras</h2>
        <ul>
          <li><a href="#f-q"><xsl:call-template name="search-error-text"/></a></li>
        </ul>
      </div>
    </xsl:if>
    <xsl:call-template name="search-form">
      <xsl:with-param name="s" select="search"/>
    </xsl:call-template>
    <xsl:if test="string(search/@kind) != ''">
      <xsl:call-template name="search-results"/>
    </xsl:if>
    <p><a href="/">Till startsidan</a></p>
  </xsl:template>

  <!-- The Swedish reason of a rejected query. -->
  <xsl:template name="search-error-text">
    <xsl:param name="s" select="/page/search"/>
    <xsl:choose>
      <xsl:when test="$s/@error = 'too-short'">Skriv minst <xsl:value-of select="$s/@min"/> tecken (namn) eller 2 siffror (personnummer).</xsl:when>
      <xsl:when test="$s/@error = 'too-long'">Skriv högst <xsl:value-of select="$s/@max"/> tecken.</xsl:when>
      <xsl:when test="$s/@error = 'bad-number'">Ett personnummer har högst 12 siffror.</xsl:when>
      <xsl:otherwise>Sökningen innehåller tecken som inte är tillåtna, till exempel tabb eller radbrytning.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The form (GET /search, field q); s is the <search> element, if any. -->
  <xsl:template name="search-form">
    <xsl:param name="s" select="/page/search"/>
    <form class="search-form" method="get" action="/search" role="search" aria-label="Sök kund">
      <div>
        <xsl:attribute name="class">
          <xsl:text>field</xsl:text>
          <xsl:if test="string($s/@error) != ''"> field-invalid</xsl:if>
        </xsl:attribute>
        <label for="f-q">Sök kund</label>
        <p class="hint" id="h-q">Namn eller personnummer, minst 2 tecken.</p>
        <xsl:if test="string($s/@error) != ''">
          <p class="field-error" id="e-q">
            <span class="visually-hidden">Fel: </span>
            <xsl:call-template name="search-error-text"><xsl:with-param name="s" select="$s"/></xsl:call-template>
          </p>
        </xsl:if>
        <input type="text" name="q" id="f-q" maxlength="100" autocomplete="off" spellcheck="false" value="{$s/@q}">
          <xsl:choose>
            <xsl:when test="string($s/@error) != ''">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby">e-q h-q</xsl:attribute>
            </xsl:when>
            <xsl:otherwise>
              <xsl:attribute name="aria-describedby">h-q</xsl:attribute>
            </xsl:otherwise>
          </xsl:choose>
        </input>
      </div>
      <button type="submit" class="btn btn-primary">Sök</button>
    </form>
  </xsl:template>

  <!-- The hits: one row per placement of a matching customer. -->
  <xsl:template name="search-results">
    <xsl:variable name="s" select="search"/>
    <section>
      <h2 id="h-results">Sökresultat</h2>
      <p role="status">
        <xsl:choose>
          <xsl:when test="not($s/placement)">
            <xsl:text>Ingen kund hittades för ”</xsl:text><xsl:value-of select="$s/@q"/>
            <xsl:text>” bland dina kunder.</xsl:text>
          </xsl:when>
          <xsl:when test="$s/@more = '1'">
            <xsl:text>Fler än </xsl:text><xsl:value-of select="$s/@limit"/>
            <xsl:text> träffar för ”</xsl:text><xsl:value-of select="$s/@q"/>
            <xsl:text>”; de första visas. Skriv mer av namnet eller personnumret för att få färre träffar.</xsl:text>
          </xsl:when>
          <xsl:when test="count($s/placement) = 1">1 träff för ”<xsl:value-of select="$s/@q"/>”.</xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="count($s/placement)"/> träffar för ”<xsl:value-of select="$s/@q"/>”.</xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="$s/placement">
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-results">
          <table class="list">
            <caption class="visually-hidden">Kunder och insatser som matchar sökningen</caption>
            <thead>
              <tr>
                <th scope="col">Kund</th>
                <th scope="col">Personnummer</th>
                <th scope="col">Insats</th>
                <th scope="col">Anordnare</th>
                <th scope="col">Period</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$s/placement" f:vars="">
                <tr>
                  <th scope="row">
                    <a href="/placements/{@id}">
                      <xsl:choose>
                        <xsl:when test="string(customer/@name) != ''"><xsl:value-of select="customer/@name"/></xsl:when>
                        <xsl:otherwise><span class="protected">Skyddad identitet</span></xsl:otherwise>
                      </xsl:choose>
                    </a>
                    <xsl:text> </xsl:text><span class="ref">(<xsl:value-of select="customer/@ref"/>)</span>
                  </th>
                  <td class="nowrap">
                    <xsl:choose>
                      <xsl:when test="string(customer/@pnr) != ''"><xsl:value-of select="customer/@pnr"/></xsl:when>
                      <xsl:otherwise><span class="muted">Visas inte</span></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td>
                    <span class="code"><xsl:value-of select="@code"/></span>
                    <xsl:if test="string(@code-name) != ''">
                      <span class="code-name"><xsl:value-of select="@code-name"/></span>
                    </xsl:if>
                  </td>
                  <td><xsl:value-of select="@provider"/></td>
                  <td>
                    <span class="nowrap"><xsl:call-template name="date"><xsl:with-param name="d" select="@start"/></xsl:call-template> –</span>
                    <xsl:text> </xsl:text>
                    <span class="nowrap"><xsl:call-template name="date"><xsl:with-param name="d" select="@end"/></xsl:call-template></span>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:if>
    </section>
  </xsl:template>

</xsl:stylesheet>
