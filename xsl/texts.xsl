<?xml version="1.0" encoding="UTF-8"?>
<!-- texts.xsl: the Swedish words of the codes the worker sends instead of
     text (xsl/PAGES.md, "Codes and their words").  A code is a short ASCII
     id in one namespace: the same code means the same words wherever it
     stands: <errors><error field=".." code=".."/> (a field error), <error
     reason=".."> and its <link label=".."> (the error page), <payment
     held="..">.  Its values are @arg and @arg2 of the same element.

     <xsl:apply-templates select="@code" mode="text"/> writes the words: one
     template per code below, matching the attribute by its value.  A code
     without a template shows as itself, visible in every test.  Grouped by
     where the worker sends them. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

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

  <!-- Messages, checked (messages.c). -->
  <xsl:template match="@*[. = 'msg-kind-required']" mode="text">Välj vad meddelandet gäller.</xsl:template>
  <xsl:template match="@*[. = 'msg-kind-providers']" mode="text">Den här typen av meddelande skickas av anordnaren.</xsl:template>
  <xsl:template match="@*[. = 'msg-text-required']" mode="text">Skriv meddelandet.</xsl:template>
  <xsl:template match="@*[. = 'absence-from-future']" mode="text">Frånvaron kan inte börja senare än i dag.</xsl:template>
  <xsl:template match="@*[. = 'absence-from-before-start']" mode="text">Frånvaron kan inte börja före insatsens start.</xsl:template>
  <xsl:template match="@*[. = 'absence-to-before-from']" mode="text">Sista frånvarodagen kan inte vara före den första.</xsl:template>
  <xsl:template match="@*[. = 'absence-to-future']" mode="text">Sista frånvarodagen kan inte vara senare än i dag.</xsl:template>
  <xsl:template match="@*[. = 'contact-attempts-required']" mode="text">Skriv när och hur ni försökte nå kunden.</xsl:template>

  <!-- XML an integration posted, refused (xmldoc.c). -->
  <xsl:template match="@*[. = 'xml-invalid']" mode="text">Dokumentet är inte giltig XML.</xsl:template>
  <xsl:template match="@*[. = 'xml-too-many-attributes']" mode="text">Dokumentet har för många attribut i ett element.</xsl:template>
  <xsl:template match="@*[. = 'xml-doctype']" mode="text">Dokumentet innehåller en DOCTYPE, vilket inte är tillåtet.</xsl:template>

  <!-- Documents and their steps (handlers_doc.c). -->
  <xsl:template match="@*[. = 'wrong-state']" mode="text">Åtgärden går inte att utföra när dokumentet har status <xsl:call-template name="state-label"><xsl:with-param name="state" select="string(../@arg)"/></xsl:call-template>.</xsl:template>
  <xsl:template match="@*[. = 'placement-invalid']" mode="text">Placeringen saknas eller är ogiltig.</xsl:template>
  <xsl:template match="@*[. = 'form-unknown-field']" mode="text">Formuläret innehåller ett okänt fält.</xsl:template>
  <xsl:template match="@*[. = 'xml-wrong-root']" mode="text">Dokumentets rotelement passar inte dokumenttypen.</xsl:template>
  <xsl:template match="@*[. = 'month-format']" mode="text">Månaden ska anges som ÅÅÅÅ-MM.</xsl:template>
  <xsl:template match="@*[. = 'provider-writes']" mode="text">Bara anordnaren kan skriva dokument för placeringen.</xsl:template>
  <xsl:template match="@*[. = 'month-past-max']" mode="text">Månaden ligger efter insatsens maxtid. Förlängning beslutas av arbetsledaren.</xsl:template>
  <xsl:template match="@*[. = 'doc-exists']" mode="text">Dokumentet finns redan.</xsl:template>
  <xsl:template match="@*[. = 'role-may-not']" mode="text">Din roll får inte utföra den här åtgärden.</xsl:template>
  <xsl:template match="@*[. = 'version-missing']" mode="text">Versionsnumret saknas.</xsl:template>
  <xsl:template match="@*[. = 'doc-changed']" mode="text">Dokumentet har ändrats av någon annan sedan du öppnade det. Öppna dokumentet igen för att se den senaste versionen; dina ändringar är inte sparade.</xsl:template>
  <xsl:template match="@*[. = 'open-document']" mode="text">Öppna dokumentet</xsl:template>
  <xsl:template match="@*[. = 'comment-too-long']" mode="text">Kommentaren är för lång.</xsl:template>
  <xsl:template match="@*[. = 'comment-required']" mode="text">Skriv en kommentar om vad som ska kompletteras.</xsl:template>
  <xsl:template match="@*[. = 'doc-changed-meanwhile']" mode="text">Dokumentet ändrades samtidigt av någon annan. Öppna det igen.</xsl:template>
  <xsl:template match="@*[. = 'kind-not-revisable']" mode="text">Den här dokumenttypen får inga nya revisioner.</xsl:template>
  <xsl:template match="@*[. = 'newer-revision']" mode="text">Det finns redan en nyare revision.</xsl:template>

  <!-- The rules of each kind of document (kinds.c). -->
  <xsl:template match="@*[. = 'parttime-reason-required']" mode="text">Ange skälet till deltid som karriärvägledaren angett.</xsl:template>
  <xsl:template match="@*[. = 'section-motivation-required']" mode="text">Skriv en kort motivering till varför avsnittet är ”Ej aktuellt”.</xsl:template>
  <xsl:template match="@*[. = 'section-empty']" mode="text">Fyll i avsnittet, eller markera det ”Ej aktuellt” med en kort motivering.</xsl:template>
  <xsl:template match="@*[. = 'absence-end-before-start']" mode="text">Slutdatum kan inte vara före startdatum.</xsl:template>
  <xsl:template match="@*[. = 'absence-outside-month']" mode="text">Frånvaron ska sluta i den månad rapporten gäller.</xsl:template>
  <xsl:template match="@*[. = 'certificate-day']" mode="text">Perioden når dag <xsl:value-of select="../@arg"/> utan intyg: från dag <xsl:value-of select="../@arg"/> krävs läkarintyg eller vab-intyg. Skriv i kommentaren hur intyget följs upp.</xsl:template>
  <xsl:template match="@*[. = 'absences-not-applicable-rows']" mode="text">Avsnittet är markerat ”Ej aktuellt” men har frånvarorader: ta bort raderna eller välj att avsnittet är aktuellt.</xsl:template>
  <xsl:template match="@*[. = 'absences-required']" mode="text">Ange frånvaron med datum och orsak, eller markera avsnittet ”Ej aktuellt” med en kort motivering.</xsl:template>
  <xsl:template match="@*[. = 'report-month-required']" mode="text">Ange månaden (ÅÅÅÅ-MM) som rapporten gäller.</xsl:template>
  <xsl:template match="@*[. = 'month-outside-placement']" mode="text">Månaden ligger utanför insatsens period.</xsl:template>
  <xsl:template match="@*[. = 'month-not-begun']" mode="text">Månaden har inte börjat ännu.</xsl:template>
  <xsl:template match="@*[. = 'kind-not-monthly']" mode="text">Dokumenttypen gäller inte en viss månad.</xsl:template>
  <xsl:template match="@*[. = 'decision-date-required']" mode="text">Ange datum för beslutet om att avsluta insatsen.</xsl:template>
  <xsl:template match="@*[. = 'end-before-placement-start']" mode="text">Slutdatum kan inte vara före insatsens start.</xsl:template>
  <xsl:template match="@*[. = 'completed-ends-on-decided']" mode="text">En fullföljd insats slutar på det beslutade slutdatumet <xsl:value-of select="../@arg"/>. Välj ”Avslutad i förtid” eller ”Avbruten” om den slutade tidigare.</xsl:template>
  <xsl:template match="@*[. = 'decision-after-end']" mode="text">Beslutet om avslut kan inte vara fattat efter slutdatumet.</xsl:template>
  <xsl:template match="@*[. = 'next-step-required']" mode="text">Beskriv bedömt lämpligt nästa steg: det krävs när kunden inte blivit självförsörjande eller inte nått målet med insatsen.</xsl:template>

  <!-- The case flow of a placement (handlers_case.c). -->
  <xsl:template match="@*[. = 'text-one-line']" mode="text">Texten ska stå på en rad.</xsl:template>
  <xsl:template match="@*[. = 'end-before-start']" mode="text">Slutdatumet är före startdatumet.</xsl:template>
  <xsl:template match="@*[. = 'past-max-extend']" mode="text">Insatsen får pågå till och med <xsl:value-of select="../@arg"/> (maxtiden). Förlängning beslutas av arbetsledaren.</xsl:template>
  <xsl:template match="@*[. = 'decision-future']" mode="text">Beslutsdatumet kan inte vara senare än i dag.</xsl:template>
  <xsl:template match="@*[. = 'end-before-decision']" mode="text">Insatsens sista dag kan inte vara före beslutet om avslut.</xsl:template>
  <xsl:template match="@*[. = 'completed-ends-on-planned']" mode="text">En fullföljd insats slutar på det planerade slutdatumet, <xsl:value-of select="../@arg"/>. Välj avslut i förtid eller avbrott för ett annat datum.</xsl:template>
  <xsl:template match="@*[. = 'early-ends-before-planned']" mode="text">Ett avslut i förtid eller ett avbrott slutar före det planerade slutdatumet, <xsl:value-of select="../@arg"/>.</xsl:template>
  <xsl:template match="@*[. = 'not-now']" mode="text">Det går inte att göra nu.</xsl:template>
  <xsl:template match="@*[. = 'step-stale']" mode="text">Steget kan inte tas nu: insatsen har ändrats eller avslutats. Öppna den igen.</xsl:template>
  <xsl:template match="@*[. = 'to-start']" mode="text">Till startsidan</xsl:template>
  <xsl:template match="@*[. = 'step-not-yours']" mode="text">Du kan inte ta det här steget för insatsen.</xsl:template>
  <xsl:template match="@*[. = 'responsible-required']" mode="text">Ange vem som ansvarar för kunden.</xsl:template>
  <xsl:template match="@*[. = 'assign-before-staffed']" mode="text">Uppdraget läggs in när anordnaren har bemannat ärendet.</xsl:template>
  <xsl:template match="@*[. = 'assignment-required']" mode="text">Skriv uppdragsbeskrivningen.</xsl:template>
  <xsl:template match="@*[. = 'extent-required']" mode="text">Välj heltid eller deltid.</xsl:template>
  <xsl:template match="@*[. = 'parttime-reason-write']" mode="text">Skriv skälet till deltid.</xsl:template>
  <xsl:template match="@*[. = 'future-plan-required']" mode="text">Skriv kundens framtidsplan.</xsl:template>
  <xsl:template match="@*[. = 'meeting-before-assigned']" mode="text">Uppstartsmötet registreras när uppdraget har kommit.</xsl:template>
  <xsl:template match="@*[. = 'meeting-long-before-start']" mode="text">Mötet kan inte ligga långt före insatsens start.</xsl:template>
  <xsl:template match="@*[. = 'revision-what-required']" mode="text">Skriv vad som ska ändras i planen.</xsl:template>
  <xsl:template match="@*[. = 'ending-exists']" mode="text">Insatsen har redan ett beslut om avslut.</xsl:template>
  <xsl:template match="@*[. = 'ending-required']" mode="text">Välj hur insatsen avslutas.</xsl:template>
  <xsl:template match="@*[. = 'extended-twice']" mode="text">Insatsen har redan förlängts två gånger, det längsta som går.</xsl:template>
  <xsl:template match="@*[. = 'extend-too-early']" mode="text">En förlängning beslutas tidigast en månad före maxtidens slut.</xsl:template>
  <xsl:template match="@*[. = 'placement-ended']" mode="text">Insatsen är avslutad.</xsl:template>
  <xsl:template match="@*[. = 'extend-reason-required']" mode="text">Skriv varför insatsen förlängs.</xsl:template>
  <xsl:template match="@*[. = 'no-former-plan']" mode="text">Kunden har ingen tidigare genomförandeplan hos en annan anordnare.</xsl:template>
  <xsl:template match="@*[. = 'consent-future']" mode="text">Samtycket kan inte vara givet senare än i dag.</xsl:template>
  <xsl:template match="@*[. = 'outcome-by-counsellor']" mode="text">Utfallet av ett uppföljningsmöte registreras av karriärvägledaren.</xsl:template>
  <xsl:template match="@*[. = 'outcome-before-held']" mode="text">Utfallet registreras när mötet har hållits.</xsl:template>
  <xsl:template match="@*[. = 'outcome-required']" mode="text">Skriv vad mötet kom fram till.</xsl:template>

  <!-- A customer put in the queue (handlers_queue.c). -->
  <xsl:template match="@*[. = 'queue-by-counsellor']" mode="text">Kunder ställs i kö av sin karriärvägledare.</xsl:template>
  <xsl:template match="@*[. = 'provider-required']" mode="text">Välj en anordnare.</xsl:template>
  <xsl:template match="@*[. = 'no-default-list']" mode="text">Kundvalet har ingen förvalslista: välj en anordnare.</xsl:template>
  <xsl:template match="@*[. = 'default-list-unreadable']" mode="text">Förvalslistan kunde inte läsas.</xsl:template>
  <xsl:template match="@*[. = 'start-date-format']" mode="text">Ange startdatum som ÅÅÅÅ-MM-DD.</xsl:template>
  <xsl:template match="@*[. = 'end-date-format']" mode="text">Skriv slutdatumet som ÅÅÅÅ-MM-DD, eller lämna det tomt för maxtiden.</xsl:template>
  <xsl:template match="@*[. = 'past-max-months']" mode="text">Insatsen får pågå i högst <xsl:value-of select="../@arg"/> månader, till och med <xsl:value-of select="../@arg2"/>.</xsl:template>
  <xsl:template match="@*[. = 'customer-required']" mode="text">Välj en av dina kunder.</xsl:template>
  <xsl:template match="@*[. = 'code-required']" mode="text">Välj en insats ur katalogen.</xsl:template>

  <!-- Personal-data incidents (handlers_incidents.c). -->
  <xsl:template match="@*[. = 'incidents-by-provider']" mode="text">Personuppgiftsincidenter rapporteras av anordnaren.</xsl:template>
  <xsl:template match="@*[. = 'date-format-example']" mode="text">Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-07.</xsl:template>
  <xsl:template match="@*[. = 'time-format']" mode="text">Ange klockslaget som TT:MM, till exempel 14:30.</xsl:template>
  <xsl:template match="@*[. = 'discovered-future']" mode="text">Upptäckten kan inte ligga senare än nu.</xsl:template>
  <xsl:template match="@*[. = 'too-many-customers']" mode="text">Välj högst <xsl:value-of select="../@arg"/> kunder, eller ingen om ni inte vet vilka.</xsl:template>
  <xsl:template match="@*[. = 'own-placements-only']" mode="text">Välj bland era egna insatser.</xsl:template>
  <xsl:template match="@*[. = 'what-required']" mode="text">Beskriv vad som har hänt.</xsl:template>

  <!-- Messages (handlers_messages.c). -->
  <xsl:template match="@*[. = 'messages-by-parties']" mode="text">Meddelanden skrivs av anordnaren och kundens karriärvägledare.</xsl:template>

  <!-- Lists (handlers_pages.c). -->
  <xsl:template match="@*[. = 'page-number']" mode="text">Sidnumret ska vara ett heltal från 1 till 10000.</xsl:template>
  <xsl:template match="@*[. = 'sort-key']" mode="text">Listan kan bara sorteras efter sista dag (sort=due eller sort=-due).</xsl:template>

  <!-- The payment basis (handlers_payments.c). -->
  <xsl:template match="@*[. = 'payments-by-role']" mode="text">Betalningsunderlaget visas bara för karriärvägledare och administratörer.</xsl:template>
  <xsl:template match="@*[. = 'payments-month-format']" mode="text">Ange månaden som ÅÅÅÅ-MM, till exempel /payments?month=2024-03.</xsl:template>

  <!-- Search (handlers_search.c). -->
  <xsl:template match="@*[. = 'search-by-role']" mode="text">Sökningen är till för anordnare och karriärvägledare.</xsl:template>

  <!-- The archive handover (handlers_archive.c). -->
  <xsl:template match="@*[. = 'package-confirmed']" mode="text">Paketet är redan kvitterat.</xsl:template>

  <!-- Why the end month is not paid (<payment held=".." held-until="..">). -->
  <xsl:template match="@*[. = 'hold-final-missing']" mode="text">slutrapport saknas: sista månaden betalas när den är godkänd</xsl:template>
  <xsl:template match="@*[. = 'hold-final-unapproved']" mode="text">slutrapporten är inte godkänd</xsl:template>
  <xsl:template match="@*[. = 'hold-final-late']" mode="text">slutrapporten klarmarkerades efter <xsl:value-of select="../@held-until"/>: utan ersättning</xsl:template>

  <!-- A final report first submitted more than 14 days after the end
       (handlers_doc.c; README, Rules: final report): the dates in
       @submit-until and @end. -->
  <xsl:template match="@*[. = 'final-too-late']" mode="text">
    <xsl:text>Slutrapporten kan inte längre klarmarkeras. Den kunde skickas in senast </xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="d" select="../@submit-until"/></xsl:call-template>
    <xsl:text>, 14 dagar efter insatsens slutdatum </xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="d" select="../@end"/></xsl:call-template>
    <xsl:text>. Utkastet är sparat och finns kvar oförändrat.</xsl:text>
  </xsl:template>

</xsl:stylesheet>
