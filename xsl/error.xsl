<?xml version="1.0" encoding="UTF-8"?>
<!-- error.xsl: view="error".
     <error code="404" request-id="r-…" reason="code" arg="value">
       <link href="/documents/12" label="code"/></error>
     (reason and label: optional codes worded in texts.xsl) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="error-title">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = '400'">Felaktig begäran</xsl:when>
      <xsl:when test="$code = '403'">Åtkomst nekad</xsl:when>
      <xsl:when test="$code = '404'">Sidan finns inte</xsl:when>
      <xsl:when test="$code = '405'">Metoden är inte tillåten</xsl:when>
      <xsl:when test="$code = '409'">Åtgärden går inte att utföra</xsl:when>
      <xsl:when test="$code = '413'">För stor begäran</xsl:when>
      <xsl:when test="$code = '422'">Uppgifterna kunde inte sparas</xsl:when>
      <xsl:when test="$code = '429'">För många förfrågningar</xsl:when>
      <xsl:otherwise>Ett fel uppstod</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A short explanation when the worker sent no message. -->
  <xsl:template name="error-explanation">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = '400'">Begäran kunde inte tolkas. Gå tillbaka och försök igen.</xsl:when>
      <xsl:when test="$code = '403'">Du har inte behörighet att se eller ändra det här.</xsl:when>
      <xsl:when test="$code = '404'">Adressen kan vara felstavad, eller så har sidan tagits bort.</xsl:when>
      <xsl:when test="$code = '405'">Sidan kan inte användas på det sättet.</xsl:when>
      <xsl:when test="$code = '409'">Dokumentet har ändrats av någon annan eller har en status som inte tillåter åtgärden. Ladda om dokumentet och försök igen.</xsl:when>
      <xsl:when test="$code = '413'">Det som skickades var för stort.</xsl:when>
      <xsl:when test="$code = '422'">Kontrollera uppgifterna och försök igen.</xsl:when>
      <xsl:when test="$code = '429'">Vänta en stund och försök sedan igen.</xsl:when>
      <xsl:otherwise>Försök igen om en stund. Kontakta supporten om felet finns kvar.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@view = 'error']" mode="title">
    <xsl:call-template name="error-title">
      <xsl:with-param name="code" select="string(error/@code)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@view = 'error']" mode="main">
    <xsl:variable name="code">
      <xsl:choose>
        <xsl:when test="string(error/@code) != ''"><xsl:value-of select="error/@code"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@status"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="rid">
      <xsl:choose>
        <xsl:when test="string(error/@request-id) != ''"><xsl:value-of select="error/@request-id"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@request-id"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="error-page">
      <h1>
        <xsl:call-template name="error-title"><xsl:with-param name="code" select="$code"/></xsl:call-template>
      </h1>
      <p class="error-message">
        <xsl:choose>
          <!-- The worker sends a code, the words are in texts.xsl. -->
          <xsl:when test="string(error/@reason) != ''">
            <xsl:apply-templates select="error/@reason" mode="text"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="error-explanation"><xsl:with-param name="code" select="$code"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <!-- An optional way on (a local path only, e.g. the newer version of a
           document after a 409). -->
      <xsl:if test="error/@reason = 'final-too-late' and string(number(error/@document)) != 'NaN'">
        <p class="error-link"><a href="/documents/{number(error/@document)}">Tillbaka till slutrapporten</a></p>
      </xsl:if>
      <xsl:if test="starts-with(error/link/@href, '/') and not(starts-with(error/link/@href, '//'))">
        <p class="error-link"><a href="{error/link/@href}"><xsl:apply-templates select="error/link[1]/@label" mode="text"/></a></p>
      </xsl:if>
      <xsl:if test="string($rid) != ''">
        <p class="request-id">Felkod för support: <code><xsl:value-of select="$rid"/></code></p>
      </xsl:if>
      <p><a href="/">Till startsidan</a></p>
    </div>
  </xsl:template>

</xsl:stylesheet>
