<?xml version="1.0" encoding="UTF-8"?>
<!-- queue.xsl: view="queue", the counsellor queues one of his or her
     customers at a provider for a placement (aktualisering). Choices in
     queue-form/customers, providers, codes; what was typed in
     queue-form/field[@name]; errors in /page/errors. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page[@view = 'queue']" mode="title">Ställ kund i kö</xsl:template>

  <xsl:template match="page[@view = 'queue']" mode="main">
    <xsl:variable name="f" select="queue-form"/>
    <h1>Ställ kund i kö hos anordnare</h1>
    <p>Aktualiseringen är dag 1 i ärendet. Anordnaren bemannar ärendet samma dag eller nästa arbetsdag.</p>
    <xsl:call-template name="error-summary"/>
    <form method="post" action="/placements" class="queue-form">
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="queue-select">
        <xsl:with-param name="field" select="'customer'"/>
        <xsl:with-param name="label" select="'Kund'"/>
        <xsl:with-param name="current" select="$f/field[@name = 'customer']"/>
        <xsl:with-param name="options" select="$f/customers/customer"/>
      </xsl:call-template>
      <xsl:if test="$f/defaults/default[@provider]">
        <section class="defaults" aria-labelledby="h-defaults">
          <h2 id="h-defaults">Förvalsanordnare
            <xsl:call-template name="date"><xsl:with-param name="d" select="$f/defaults/@from"/></xsl:call-template>
            <xsl:text> – </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="$f/defaults/@to"/></xsl:call-template>
          </h2>
          <ul>
            <xsl:for-each select="$f/defaults/default[@provider]">
              <li><xsl:value-of select="@kundval"/><xsl:text>: </xsl:text><strong><xsl:value-of select="@provider"/></strong></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
      <div>
        <xsl:call-template name="field-class">
          <xsl:with-param name="field" select="'default_provider'"/>
          <xsl:with-param name="base" select="'field checkbox'"/>
        </xsl:call-template>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="'default_provider'"/></xsl:call-template>
        <input type="checkbox" value="1">
          <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="'default_provider'"/></xsl:call-template>
          <xsl:if test="$f/field[@name = 'default_provider']"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="f-default_provider">Kunden har inte valt anordnare: ställ i kö hos förvalsanordnaren för insatsens kundval</label>
      </div>
      <xsl:call-template name="queue-select">
        <xsl:with-param name="field" select="'provider'"/>
        <xsl:with-param name="label" select="'Anordnare'"/>
        <xsl:with-param name="current" select="$f/field[@name = 'provider']"/>
        <xsl:with-param name="options" select="$f/providers/provider"/>
      </xsl:call-template>
      <xsl:call-template name="queue-select">
        <xsl:with-param name="field" select="'code'"/>
        <xsl:with-param name="label" select="'Insats'"/>
        <xsl:with-param name="current" select="$f/field[@name = 'code']"/>
        <xsl:with-param name="options" select="$f/codes/code"/>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'start'"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Startdatum'"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="$f/field[@name = 'start']"><xsl:value-of select="$f/field[@name = 'start']"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="/page/today"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'end'"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Planerat slutdatum'"/>
        <xsl:with-param name="required" select="false()"/>
        <xsl:with-param name="hint" select="'Lämna tomt för insatsens maxtid.'"/>
        <xsl:with-param name="value" select="$f/field[@name = 'end']"/>
      </xsl:call-template>
      <p><button type="submit" class="btn btn-primary">Ställ i kö</button></p>
    </form>
  </xsl:template>

  <!-- A labelled <select> of customers, providers or catalogue codes. -->
  <xsl:template name="queue-select">
    <xsl:param name="field"/>
    <xsl:param name="label"/>
    <xsl:param name="current"/>
    <xsl:param name="options"/>
    <div>
      <xsl:call-template name="field-class"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <label for="f-{$field}"><xsl:value-of select="$label"/><xsl:call-template name="required"/></label>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <select>
        <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="$field"/></xsl:call-template>
        <option value="">Välj …</option>
        <xsl:for-each select="$options">
          <xsl:variable name="v">
            <xsl:choose>
              <xsl:when test="self::code"><xsl:value-of select="@code"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <option value="{$v}">
            <xsl:if test="string($current) = string($v)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:choose>
              <xsl:when test="self::customer">
                <xsl:value-of select="@name"/><xsl:text> (</xsl:text><xsl:value-of select="@pnr"/><xsl:text>)</xsl:text>
                <xsl:if test="@protected = '1'"><xsl:text> – skyddad identitet</xsl:text></xsl:if>
              </xsl:when>
              <xsl:when test="self::code">
                <xsl:value-of select="@code"/><xsl:text>: </xsl:text><xsl:value-of select="@name"/>
                <xsl:text> (högst </xsl:text><xsl:value-of select="@max-months"/><xsl:text> mån)</xsl:text>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
            </xsl:choose>
          </option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

</xsl:stylesheet>
