<?xml version="1.0" encoding="UTF-8"?>
<!-- form-final.xsl: the fields of the edit form of a slutrapport
     (document kind "final", schemas/final.xsd).
       match="final" mode="form"         the fields
       match="final" mode="field-label"  the Swedish name of a field
     The frame is edit.xsl. Radio choices come from a small list
     "value=Label;…" handled by final-radios.
       match="kind[@name = 'final']" mode="new-button"  the placement
                                         page's button (placement.xsl) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="kind[@name = 'final']" mode="new-button">
    <xsl:param name="pid"/>
    <a class="btn" href="/documents/new?placement={$pid}&amp;kind={@name}">Skriv slutrapport</a>
  </xsl:template>

  <xsl:template match="final" mode="form">
    <fieldset class="group" id="g-ending">
      <legend>Avslut</legend>
      <xsl:call-template name="final-radios">
        <xsl:with-param name="field" select="'ending'"/>
        <xsl:with-param name="value" select="normalize-space(ending)"/>
        <xsl:with-param name="legend" select="'Hur avslutades insatsen?'"/>
        <xsl:with-param name="options" select="'completed=Fullföljd till beslutat slutdatum;early=Avslutad i förtid efter beslut;aborted=Avbruten av skäl utanför anordnarens kontroll;'"/>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'decisionDate'"/>
        <xsl:with-param name="value" select="normalize-space(decisionDate)"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Datum för beslut om avslut'"/>
        <xsl:with-param name="required-text" select="'(obligatoriskt vid avslut i förtid eller avbrott)'"/>
        <xsl:with-param name="hint" select="'Slutrapporten ska komma in inom två veckor från beslutet.'"/>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'endDate'"/>
        <xsl:with-param name="value" select="normalize-space(endDate)"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Insatsens slutdatum'"/>
        <xsl:with-param name="hint" select="'En slutrapport som kommer in mer än 14 dagar efter slutdatumet ersätts inte.'"/>
      </xsl:call-template>
    </fieldset>

    <fieldset class="group" id="g-outcome">
      <legend>Resultat</legend>
      <xsl:call-template name="final-radios">
        <xsl:with-param name="field" select="'outcome'"/>
        <xsl:with-param name="value" select="normalize-space(outcome)"/>
        <xsl:with-param name="legend" select="'Vad gick kunden vidare till?'"/>
        <xsl:with-param name="options" select="'work=Arbete;studies=Studier;business=Eget företag;placement=Annan insats;af-programme=Program hos Arbetsförmedlingen;other=Annat;'"/>
      </xsl:call-template>
      <xsl:call-template name="final-radios">
        <xsl:with-param name="field" select="'selfSupporting'"/>
        <xsl:with-param name="value" select="normalize-space(selfSupporting)"/>
        <xsl:with-param name="legend" select="'Är kunden självförsörjande?'"/>
        <xsl:with-param name="options" select="'yes=Ja;no=Nej;'"/>
      </xsl:call-template>
      <xsl:call-template name="final-radios">
        <xsl:with-param name="field" select="'goalReached'"/>
        <xsl:with-param name="value" select="normalize-space(goalReached)"/>
        <xsl:with-param name="legend" select="'Har kunden nått målet med insatsen?'"/>
        <xsl:with-param name="options" select="'yes=Ja;no=Nej;'"/>
      </xsl:call-template>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="'nextStep'"/>
        <xsl:with-param name="value" select="nextStep"/>
        <xsl:with-param name="label" select="'Bedömt lämpligt nästa steg'"/>
        <xsl:with-param name="required-text" select="'(obligatoriskt om kunden inte är självförsörjande eller inte nått målet)'"/>
        <xsl:with-param name="rows" select="3"/>
      </xsl:call-template>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="'summary'"/>
        <xsl:with-param name="value" select="summary"/>
        <xsl:with-param name="label" select="'Sammanfattning av insatsen'"/>
        <xsl:with-param name="rows" select="5"/>
      </xsl:call-template>
    </fieldset>
  </xsl:template>

  <!-- Radios for $field from $options "value=Label;value=Label;". -->
  <xsl:template name="final-radios">
    <xsl:param name="field"/>
    <xsl:param name="value"/>
    <xsl:param name="legend"/>
    <xsl:param name="options"/>
    <fieldset>
      <xsl:call-template name="field-class">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="base" select="'field radios'"/>
      </xsl:call-template>
      <legend><xsl:value-of select="$legend"/><xsl:call-template name="required"/></legend>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <xsl:call-template name="final-radio">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="value" select="$value"/>
        <xsl:with-param name="options" select="$options"/>
        <xsl:with-param name="first" select="true()"/>
      </xsl:call-template>
    </fieldset>
  </xsl:template>

  <xsl:template name="final-radio">
    <xsl:param name="field"/>
    <xsl:param name="value"/>
    <xsl:param name="options"/>
    <xsl:param name="first"/>
    <xsl:if test="contains($options, ';')">
      <xsl:variable name="opt" select="substring-before($options, ';')"/>
      <xsl:variable name="v" select="substring-before($opt, '=')"/>
      <xsl:variable name="id">
        <xsl:text>f-</xsl:text><xsl:value-of select="$field"/>
        <xsl:if test="not($first)">-<xsl:value-of select="$v"/></xsl:if>
      </xsl:variable>
      <div class="radio">
        <input type="radio" value="{$v}" id="{$id}">
          <xsl:call-template name="field-attrs">
            <xsl:with-param name="field" select="$field"/>
            <xsl:with-param name="with-id" select="false()"/>
          </xsl:call-template>
          <xsl:if test="$v = $value"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="{$id}"><xsl:value-of select="substring-after($opt, '=')"/></label>
      </div>
      <xsl:call-template name="final-radio">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="value" select="$value"/>
        <xsl:with-param name="options" select="substring-after($options, ';')"/>
        <xsl:with-param name="first" select="false()"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="final" mode="field-label">
    <xsl:param name="field"/>
    <xsl:choose>
      <xsl:when test="$field = 'ending'">Hur insatsen avslutades</xsl:when>
      <xsl:when test="$field = 'decisionDate'">Datum för beslut om avslut</xsl:when>
      <xsl:when test="$field = 'endDate'">Insatsens slutdatum</xsl:when>
      <xsl:when test="$field = 'outcome'">Vad kunden gick vidare till</xsl:when>
      <xsl:when test="$field = 'selfSupporting'">Självförsörjande</xsl:when>
      <xsl:when test="$field = 'goalReached'">Målet nått</xsl:when>
      <xsl:when test="$field = 'nextStep'">Bedömt lämpligt nästa steg</xsl:when>
      <xsl:when test="$field = 'summary'">Sammanfattning</xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
