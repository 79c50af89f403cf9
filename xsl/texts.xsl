<?xml version="1.0" encoding="UTF-8"?>
<!-- texts.xsl: the Swedish words of the codes the worker sends instead of
     text (xsl/PAGES.md, "Codes and their words").  A code is a short ASCII
     id in one namespace: the same code means the same words wherever it
     stands, in <errors><error field=".." code=".."/> (a field error) or in
     <error reason=".."> (the error page), with its values in @arg and
     @arg2 of the same element.

     <xsl:apply-templates select="@code" mode="text"/> writes the words: one
     template per code below, matching the attribute by its value.  A code
     without a template shows as itself, visible in every test. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- A field error: the words of its code; an error the worker still words
       itself (no @code) shows its text. -->
  <xsl:template match="error" mode="message">
    <xsl:choose>
      <xsl:when test="@code"><xsl:apply-templates select="@code" mode="text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The link of an error page: the words of its @label, or its text. -->
  <xsl:template match="link" mode="message">
    <xsl:choose>
      <xsl:when test="@label"><xsl:apply-templates select="@label" mode="text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Schema errors of a document (xmldoc.c). -->
  <xsl:template match="@*[. = 'field-required']" mode="text">Fältet måste fyllas i.</xsl:template>
  <xsl:template match="@*[. = 'field-unexpected']" mode="text">Fältet hör inte hemma här.</xsl:template>
  <xsl:template match="@*[. = 'date-invalid']" mode="text">Ange ett giltigt datum (ÅÅÅÅ-MM-DD).</xsl:template>
  <xsl:template match="@*[. = 'month-invalid']" mode="text">Ange en giltig månad (ÅÅÅÅ-MM).</xsl:template>
  <xsl:template match="@*[. = 'text-too-long']" mode="text">Texten är för lång.</xsl:template>
  <xsl:template match="@*[. = 'choose-option']" mode="text">Välj ett av alternativen.</xsl:template>
  <xsl:template match="@*[. = 'integer-required']" mode="text">Ange ett heltal.</xsl:template>
  <xsl:template match="@*[. = 'choose-yes-no']" mode="text">Välj ja eller nej.</xsl:template>
  <xsl:template match="@*[. = 'value-invalid']" mode="text">Ogiltigt värde.</xsl:template>
  <xsl:template match="@*[. = 'doc-not-valid']" mode="text">Dokumentet följer inte schemat.</xsl:template>

  <!-- Common to several forms. -->
  <xsl:template match="@*[. = 'text-too-long-max']" mode="text">Texten är för lång (högst <xsl:value-of select="../@arg"/> tecken).</xsl:template>
  <xsl:template match="@*[. = 'date-required']" mode="text">Ange ett datum.</xsl:template>
  <xsl:template match="@*[. = 'date-format']" mode="text">Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-07.</xsl:template>

  <!-- Messages (messages.c). -->
  <xsl:template match="@*[. = 'msg-kind-required']" mode="text">Välj vad meddelandet gäller.</xsl:template>
  <xsl:template match="@*[. = 'msg-kind-providers']" mode="text">Den här typen av meddelande skickas av anordnaren.</xsl:template>
  <xsl:template match="@*[. = 'msg-text-required']" mode="text">Skriv meddelandet.</xsl:template>
  <xsl:template match="@*[. = 'absence-from-future']" mode="text">Frånvaron kan inte börja senare än i dag.</xsl:template>
  <xsl:template match="@*[. = 'absence-from-before-start']" mode="text">Frånvaron kan inte börja före insatsens start.</xsl:template>
  <xsl:template match="@*[. = 'absence-to-before-from']" mode="text">Sista frånvarodagen kan inte vara före den första.</xsl:template>
  <xsl:template match="@*[. = 'absence-to-future']" mode="text">Sista frånvarodagen kan inte vara senare än i dag.</xsl:template>
  <xsl:template match="@*[. = 'contact-attempts-required']" mode="text">Skriv när och hur ni försökte nå kunden.</xsl:template>

  <!-- Error pages (<error reason="..">). -->
  <!-- A final report first submitted more than 14 days after the end
       (README, Rules: final report): the worker sends the dates
       (@submit-until, @end). -->
  <xsl:template match="@*[. = 'final-too-late']" mode="text">
    <xsl:text>Slutrapporten kan inte längre klarmarkeras. Den kunde skickas in senast </xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="d" select="../@submit-until"/></xsl:call-template>
    <xsl:text>, 14 dagar efter insatsens slutdatum </xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="d" select="../@end"/></xsl:call-template>
    <xsl:text>. Utkastet är sparat och finns kvar oförändrat.</xsl:text>
  </xsl:template>

</xsl:stylesheet>
