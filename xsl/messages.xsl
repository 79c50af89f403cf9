<?xml version="1.0" encoding="UTF-8"?>
<!-- messages.xsl: view="messages", the messages between the provider and
     the responsible counsellor on one placement (meddelarfunktionen,
     issue 13), the form to write one (when /page/compose is there), and
     the start page's unread list (named template start-messages) and the
     placement page's link (placement-messages-link). A refused message
     comes back with /page/errors and /page/posted/field[@name]. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="msg-kind-label">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'staffing'">Bemanning klar</xsl:when>
      <xsl:when test="$k = 'absence'">Ogiltig frånvaro</xsl:when>
      <xsl:when test="$k = 'other-placement'">Behov av annan insats</xsl:when>
      <xsl:when test="$k = 'other'">Övrigt</xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@view = 'messages']" mode="title">
    <xsl:text>Meddelanden </xsl:text>
    <xsl:value-of select="placement/@code"/>
  </xsl:template>

  <xsl:template match="page[@view = 'messages']" mode="main">
    <xsl:variable name="p" select="placement"/>
    <h1>
      <xsl:text>Meddelanden: </xsl:text>
      <xsl:call-template name="placement-name"><xsl:with-param name="p" select="$p"/></xsl:call-template>
    </h1>
    <xsl:if test="messages/@sent = '1'">
      <div role="status" class="flash flash-ok"><p>Meddelandet är skickat.</p></div>
    </xsl:if>
    <p><a href="/placements/{$p/@id}">Tillbaka till insatsen</a></p>
    <section class="placement-box" aria-labelledby="h-msg-placement">
      <h2 id="h-msg-placement">Kund och insats</h2>
      <xsl:call-template name="placement-facts"><xsl:with-param name="p" select="$p"/></xsl:call-template>
    </section>
    <xsl:call-template name="msg-thread"/>
    <xsl:if test="compose">
      <xsl:call-template name="msg-form"/>
    </xsl:if>
  </xsl:template>

  <!-- The thread, oldest first; new messages marked. -->
  <xsl:template name="msg-thread">
    <section aria-labelledby="h-thread">
      <h2 id="h-thread">
        <xsl:text>Meddelanden</xsl:text>
        <xsl:if test="messages/@unread &gt; 0">
          <xsl:text> (</xsl:text><xsl:value-of select="messages/@unread"/><xsl:text> nya)</xsl:text>
        </xsl:if>
      </h2>
      <xsl:choose>
        <xsl:when test="messages/message">
          <ol class="history">
            <xsl:for-each select="messages/message">
              <li id="m-{@id}">
                <p>
                  <strong>
                    <xsl:call-template name="msg-kind-label"><xsl:with-param name="k" select="@kind"/></xsl:call-template>
                  </strong>
                  <xsl:if test="@unread = '1'"><xsl:text> </xsl:text><span class="badge badge-submitted">Ny</span></xsl:if>
                  <xsl:text> – </xsl:text>
                  <xsl:value-of select="@author-name"/>
                  <xsl:text> (</xsl:text>
                  <xsl:call-template name="role-label"><xsl:with-param name="role" select="@author-role"/></xsl:call-template>
                  <xsl:text>), </xsl:text>
                  <xsl:call-template name="timestamp">
                    <xsl:with-param name="at" select="@at"/>
                    <xsl:with-param name="local" select="@at-local"/>
                  </xsl:call-template>
                </p>
                <xsl:if test="absence">
                  <dl class="facts">
                    <div>
                      <dt>Frånvaro</dt>
                      <dd>
                        <xsl:call-template name="period">
                          <xsl:with-param name="start" select="absence/@from"/>
                          <xsl:with-param name="end" select="absence/@to"/>
                        </xsl:call-template>
                      </dd>
                    </div>
                    <div>
                      <dt>Skulle meddelas senast</dt>
                      <dd>
                        <xsl:call-template name="due">
                          <xsl:with-param name="d" select="absence/@due"/>
                          <xsl:with-param name="late" select="absence/@late"/>
                        </xsl:call-template>
                      </dd>
                    </div>
                    <div>
                      <dt>Kontaktförsök</dt>
                      <dd><span class="text"><xsl:value-of select="contact-attempts"/></span></dd>
                    </div>
                  </dl>
                </xsl:if>
                <p><span class="text"><xsl:value-of select="text"/></span></p>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Inga meddelanden ännu.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The typed value of field $f after a refusal. -->
  <xsl:template name="msg-posted">
    <xsl:param name="f"/>
    <xsl:value-of select="/page/posted/field[@name = $f]"/>
  </xsl:template>

  <xsl:template name="msg-form">
    <xsl:variable name="kind" select="string(/page/posted/field[@name = 'kind'])"/>
    <section aria-labelledby="h-compose">
      <h2 id="h-compose">Nytt meddelande</h2>
      <xsl:call-template name="error-summary"/>
      <form method="post" action="/placements/{placement/@id}/messages" class="message-form">
        <xsl:call-template name="csrf"/>
        <div>
          <xsl:call-template name="field-class"><xsl:with-param name="field" select="'kind'"/></xsl:call-template>
          <label for="f-kind">Meddelandet gäller<xsl:call-template name="required"/></label>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'kind'"/></xsl:call-template>
          <select>
            <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="'kind'"/></xsl:call-template>
            <xsl:for-each select="compose/kind">
              <option value="{@name}">
                <xsl:if test="@name = $kind"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:call-template name="msg-kind-label"><xsl:with-param name="k" select="@name"/></xsl:call-template>
              </option>
            </xsl:for-each>
          </select>
        </div>
        <xsl:call-template name="textarea-field">
          <xsl:with-param name="field" select="'text'"/>
          <xsl:with-param name="label" select="'Meddelande'"/>
          <xsl:with-param name="rows" select="5"/>
          <xsl:with-param name="value">
            <xsl:call-template name="msg-posted"><xsl:with-param name="f" select="'text'"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="compose/kind[@name = 'absence']">
          <fieldset class="group">
            <legend>Vid ogiltig frånvaro</legend>
            <p class="hint">Meddela samma dag eller nästa arbetsdag. Ange datum för frånvaron och kontaktförsöken.</p>
            <xsl:call-template name="input-field">
              <xsl:with-param name="field" select="'absence_from'"/>
              <xsl:with-param name="type" select="'date'"/>
              <xsl:with-param name="label" select="'Första frånvarodag'"/>
              <xsl:with-param name="required" select="false()"/>
              <xsl:with-param name="value">
                <xsl:call-template name="msg-posted"><xsl:with-param name="f" select="'absence_from'"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="input-field">
              <xsl:with-param name="field" select="'absence_to'"/>
              <xsl:with-param name="type" select="'date'"/>
              <xsl:with-param name="label" select="'Sista frånvarodag'"/>
              <xsl:with-param name="required" select="false()"/>
              <xsl:with-param name="hint" select="'Lämna tomt om frånvaron var en dag.'"/>
              <xsl:with-param name="value">
                <xsl:call-template name="msg-posted"><xsl:with-param name="f" select="'absence_to'"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="textarea-field">
              <xsl:with-param name="field" select="'contact_attempts'"/>
              <xsl:with-param name="label" select="'Kontaktförsök'"/>
              <xsl:with-param name="required" select="false()"/>
              <xsl:with-param name="hint" select="'När och hur ni försökte nå kunden.'"/>
              <xsl:with-param name="value">
                <xsl:call-template name="msg-posted"><xsl:with-param name="f" select="'contact_attempts'"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </fieldset>
        </xsl:if>
        <p><button type="submit" class="btn btn-primary">Skicka meddelande</button></p>
      </form>
    </section>
  </xsl:template>

  <!-- The placement page: a link to its messages. -->
  <xsl:template name="placement-messages-link">
    <xsl:if test="/page/user/@role = 'provider' or /page/user/@role = 'counsellor' or /page/user/@role = 'lead'">
      <section aria-labelledby="h-placement-messages">
        <h2 id="h-placement-messages">Meddelanden</h2>
        <p><a href="/placements/{@id}/messages">Meddelanden om insatsen</a></p>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The start page: placements with unread messages. -->
  <xsl:template name="start-messages">
    <xsl:if test="messages">
      <section aria-labelledby="h-unread">
        <h2 id="h-unread">
          <xsl:choose>
            <xsl:when test="messages/@unread = 1">1 oläst meddelande</xsl:when>
            <xsl:otherwise><xsl:value-of select="messages/@unread"/> olästa meddelanden</xsl:otherwise>
          </xsl:choose>
        </h2>
        <xsl:if test="messages/thread">
          <ul class="action-list">
            <xsl:for-each select="messages/thread">
              <li>
                <a href="/placements/{placement/@id}/messages">
                  <xsl:call-template name="customer-name"><xsl:with-param name="c" select="placement/customer"/></xsl:call-template>
                  <xsl:text>, </xsl:text>
                  <xsl:value-of select="placement/@code"/>
                  <xsl:text>: </xsl:text>
                  <xsl:value-of select="@unread"/>
                  <xsl:text> nya</xsl:text>
                </a>
                <xsl:text> (senast </xsl:text>
                <xsl:call-template name="timestamp">
                  <xsl:with-param name="at" select="@latest"/>
                  <xsl:with-param name="local" select="@latest-local"/>
                </xsl:call-template>
                <xsl:text>)</xsl:text>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Issue 13 on the start page: unread messages, then incidents. -->
  <xsl:template name="start-issue13">
    <xsl:call-template name="start-messages"/>
    <xsl:call-template name="start-incidents"/>
  </xsl:template>

</xsl:stylesheet>
