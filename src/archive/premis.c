/*
 * premis: metadata/preservation/premis.xml, PREMIS 3: an object per
 * customer, placement, document and data file (with its checksum), an
 * event per step of the workflow history and an agent per login that
 * acted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "archive_parts.h"
#include "archivestore.h"
#include "registry.h"

/* A PREMIS element with text under parent. */
static xmlNodePtr
premis_text(struct build *b, xmlNodePtr parent, const char *name,
    const char *text)
{
	return xmlNewTextChild(parent, b->pns, BAD_CAST name,
	    BAD_CAST (text ? text : ""));
}

/* <premis:PREFIXIdentifier> with Type "local" and the value. */
static void
premis_ident(struct build *b, xmlNodePtr parent, const char *prefix,
    const char *value)
{
	char		 name[64], tname[80], vname[80];
	xmlNodePtr	 n;

	snprintf(name, sizeof(name), "%sIdentifier", prefix);
	snprintf(tname, sizeof(tname), "%sIdentifierType", prefix);
	snprintf(vname, sizeof(vname), "%sIdentifierValue", prefix);
	n = xmlNewChild(parent, b->pns, BAD_CAST name, NULL);
	premis_text(b, n, tname, "local");
	premis_text(b, n, vname, value);
}

/* A PREMIS object of a data file, placed before the events. */
void
premis_file(struct build *b, const struct archive_file *f, const char *doc)
{
	xmlNodePtr	 o, ch, fx, fmt, rel;
	char		 size[32];

	o = xmlNewNode(b->pns, BAD_CAST "object");
	xmlAddPrevSibling(b->pobjects, o);
	xmlNewNsProp(o, xmlSearchNsByHref(b->premis, xmlDocGetRootElement(
	    b->premis), BAD_CAST NS_XSI), BAD_CAST "type",
	    BAD_CAST "premis:file");
	premis_ident(b, o, "object", f->path);
	ch = xmlNewChild(o, b->pns, BAD_CAST "objectCharacteristics", NULL);
	premis_text(b, ch, "compositionLevel", "0");
	fx = xmlNewChild(ch, b->pns, BAD_CAST "fixity", NULL);
	premis_text(b, fx, "messageDigestAlgorithm", "SHA-256");
	premis_text(b, fx, "messageDigest", f->sha256);
	snprintf(size, sizeof(size), "%zu", f->len);
	premis_text(b, ch, "size", size);
	fmt = xmlNewChild(ch, b->pns, BAD_CAST "format", NULL);
	fmt = xmlNewChild(fmt, b->pns, BAD_CAST "formatDesignation", NULL);
	premis_text(b, fmt, "formatName", "Extensible Markup Language");
	premis_text(b, fmt, "formatVersion", "1.0");
	rel = xmlNewChild(o, b->pns, BAD_CAST "relationship", NULL);
	premis_text(b, rel, "relationshipType", "structural");
	premis_text(b, rel, "relationshipSubType", "is part of");
	premis_ident(b, rel, "relatedObject", doc);
}

/* A PREMIS intellectual entity (customer or document), before the events. */
void
premis_entity(struct build *b, const char *id, const char *parent)
{
	xmlNodePtr	 o, rel;

	o = xmlNewNode(b->pns, BAD_CAST "object");
	xmlAddPrevSibling(b->pobjects, o);
	xmlNewNsProp(o, xmlSearchNsByHref(b->premis, xmlDocGetRootElement(
	    b->premis), BAD_CAST NS_XSI), BAD_CAST "type",
	    BAD_CAST "premis:intellectualEntity");
	premis_ident(b, o, "object", id);
	if (parent != NULL) {
		rel = xmlNewChild(o, b->pns, BAD_CAST "relationship", NULL);
		premis_text(b, rel, "relationshipType", "structural");
		premis_text(b, rel, "relationshipSubType", "is part of");
		premis_ident(b, rel, "relatedObject", parent);
	}
}

/* Remembers an acting login for the PREMIS agents.  Returns 0 or -1. */
static int
note_agent(struct build *b, const char *login)
{
	char	**tmp;
	size_t	 i;

	for (i = 0; i < b->nagents; i++)
		if (strcmp(b->agents[i], login) == 0)
			return 0;
	if ((tmp = reallocarray(b->agents, b->nagents + 1, sizeof(*tmp))) ==
	    NULL)
		return -1;
	b->agents = tmp;
	if ((b->agents[b->nagents] = strdup(login)) == NULL)
		return -1;
	b->nagents++;
	return 0;
}

/* The customer whose history is written, and its reference. */
struct history {
	struct build	*b;
	const char	*cref;
};

/*
 * One entry of the history as a PREMIS event: who did what when, from
 * which state to which, with the comment.  Returns 0 or -1.
 */
static int
add_event(const struct archive_event *ev, void *arg)
{
	const struct history	*h = arg;
	struct build		*b = h->b;
	xmlNodePtr		 root = xmlDocGetRootElement(b->premis), e, n;
	char			 id[48], obj[32], detail[1200];

	e = xmlNewChild(root, b->pns, BAD_CAST "event", NULL);
	/* "event-ID", or "save-DOCUMENT-VERSION" (migration 8). */
	snprintf(id, sizeof(id), "%s", ev->ident);
	premis_ident(b, e, "event", id);
	premis_text(b, e, "eventType", ev->action);
	premis_text(b, e, "eventDateTime", ev->at);
	snprintf(detail, sizeof(detail), "%s%s%s%s%s%s",
	    *ev->from_state ? "från " : "", ev->from_state,
	    *ev->to_state ? " till " : "", ev->to_state,
	    *ev->comment ? ": " : "", ev->comment);
	if (detail[0] != '\0') {
		n = xmlNewChild(e, b->pns, BAD_CAST "eventDetailInformation",
		    NULL);
		premis_text(b, n, "eventDetail", detail);
	}
	n = xmlNewChild(e, b->pns, BAD_CAST "linkingAgentIdentifier", NULL);
	premis_text(b, n, "linkingAgentIdentifierType", "local");
	premis_text(b, n, "linkingAgentIdentifierValue", ev->login);
	premis_text(b, n, "linkingAgentRole", "implementer");
	if (ev->document_id != 0)
		snprintf(obj, sizeof(obj), "D-%lld",
		    (long long)ev->document_id);
	else if (ev->placement_id != 0)
		snprintf(obj, sizeof(obj), "P-%lld",
		    (long long)ev->placement_id);
	else
		snprintf(obj, sizeof(obj), "%s", h->cref);
	n = xmlNewChild(e, b->pns, BAD_CAST "linkingObjectIdentifier", NULL);
	premis_text(b, n, "linkingObjectIdentifierType", "local");
	premis_text(b, n, "linkingObjectIdentifierValue", obj);
	return note_agent(b, ev->login);
}

/* The workflow history of customer cid as PREMIS events.  0 or -1. */
int
premis_events(struct build *b, int64_t cid, const char *cref)
{
	struct history	 h = { b, cref };

	return store_archive_events_each(b->db, cid, add_event, &h) == 0 ?
	    0 : -1;
}

/* The PREMIS agents: every login that acted.  Returns 0 or -1. */
int
premis_agents(struct build *b)
{
	struct archive_agent	 ag;
	xmlNodePtr		 a, root = xmlDocGetRootElement(b->premis);
	size_t			 i;
	int			 rc;

	for (i = 0; i < b->nagents; i++) {
		rc = store_archive_agent(b->db, b->agents[i], &ag);
		a = xmlNewChild(root, b->pns, BAD_CAST "agent", NULL);
		premis_ident(b, a, "agent", b->agents[i]);
		if (rc == 0) {
			premis_text(b, a, "agentName", ag.name);
			premis_text(b, a, "agentType",
			    strcmp(b->agents[i], REGISTRY_SYSTEM_LOGIN) == 0 ?
			    "software" : "person");
			premis_text(b, a, "agentNote", ag.role);
			if (ag.org[0] != '\0')
				premis_text(b, a, "agentNote", ag.org);
		}
		if (rc == -1)
			return -1;
	}
	return 0;
}
