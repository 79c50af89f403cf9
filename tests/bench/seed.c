/*
 * seed: bulk data for `make bench`.  Fills a database made by
 * `insats init --demo` with customers, placements and plan documents in
 * every state, each document with all its versions and the audit events a
 * person's work would have left.  Deterministic: the same arguments give
 * the same database.
 *
 *   seed --db PATH --schema-dir DIR --docs N --customers N
 *
 * First a fixed block that is the same at every size (karin's portfolio:
 * FIXED_PLACEMENTS placements with Framtid AB, a quarter of them waiting
 * for her review), then bulk data for 40 other counsellors and 12
 * providers until the database holds N documents.  Every XML version
 * written is validated against plan.xsd before it is stored.
 *
 * This is test tooling: it writes rows directly with its own SQL, in one
 * transaction, instead of going through store.c one request at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "xmldoc.h"

#define FIXED_PLACEMENTS	60
#define COUNSELLORS		40
#define PROVIDERS		10
#define XML_MAX			8192

enum { ST_DRAFT, ST_SUBMITTED, ST_RETURNED, ST_APPROVED };
static const char *const state_names[] = {
	"draft", "submitted", "returned", "approved" };

struct gen {
	sqlite3		*conn;
	sqlite3_stmt	*customer, *placement, *doc, *version, *event;
	xmlSchemaPtr	 schema;
	unsigned long long rng;
	char		 codes[64][16];
	int		 ncodes;
	long		 framtid, steget, anna, bo, karin;
	long		 counsellors[COUNSELLORS];
	long		 orgs[PROVIDERS], org_users[PROVIDERS];
	long		 docs, versions, events, customers, placements;
	long		 pnr_serial;
};

static const char *const goals[] = {
	"Arbete inom lager och logistik på minst halvtid.",
	"Anställning som undersköterska inom äldreomsorgen.",
	"Studier på komvux med inriktning mot vård.",
	"Arbete i butik eller restaurang på heltid.",
	"Eget företag inom hantverk med stöd av nyföretagarcentrum.",
	"Arbete som bussförare efter avslutad yrkesutbildning.",
	"En arbetsträningsplats som kan leda till anställning.",
	"Klarlagd arbetsförmåga och en plan för nästa steg.",
};
static const char *const subgoals[] = {
	"Truckkort A och B.",
	"Praktik hos en arbetsgivare i Nacka.",
	"Ett uppdaterat cv och personligt brev.",
	"Svenska för invandrare, kurs D.",
	"Körkort klass B.",
	"Tre arbetsintervjuer under perioden.",
	"Hygienkort för livsmedelshantering.",
	"Regelbundna arbetstider fyra dagar i veckan.",
};
static const char *const whats[] = {
	"Truckutbildning", "Praktik", "Jobbsökarträff", "Studiebesök",
	"Språkträning", "Arbetsträning", "Cv-verkstad", "Hälsosamtal",
};
static const char *const hows[] = {
	"Kurs hos extern utbildare, fyra dagar.",
	"Handledd praktik på en arbetsplats, tre dagar i veckan.",
	"Gruppträff med coach varje tisdag förmiddag.",
	"Besök hos två arbetsgivare tillsammans med handledaren.",
	"Samtalsträning i grupp, två timmar om dagen.",
	"Individuellt stöd av arbetskonsulent på plats.",
};
static const char *const reasons[] = {
	"Karriärvägledaren har beslutat om 50 % på grund av hälsoskäl.",
	"Deltid enligt läkarintyg under de första två månaderna.",
	"Kunden studerar på deltid parallellt med insatsen.",
};
static const char *const first_names[] = {
	"Eva", "Oskar", "Sara", "Maria", "Ahmed", "Lina", "Johan", "Fatima",
	"Erik", "Anna", "Mohammed", "Karin", "Lars", "Elin", "Ali", "Sofia",
};
static const char *const last_names[] = {
	"Ek", "Lind", "Nilsson", "Skog", "Hassan", "Berg", "Svensson",
	"Andersson", "Johansson", "Karlsson", "Larsson", "Olsson", "Persson",
	"Yilmaz", "Gustafsson", "Pettersson",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* xorshift64*: a fixed sequence, so every run seeds the same data. */
static unsigned long
rnd(struct gen *g, unsigned long n)
{
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return (unsigned long)((g->rng * 2685821657736338717ULL) >> 33) % n;
}

static void
die_sql(struct gen *g, const char *what)
{
	fprintf(stderr, "seed: %s: %s\n", what, sqlite3_errmsg(g->conn));
	exit(1);
}

static sqlite3_stmt *
prep(struct gen *g, const char *sql)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(g->conn, sql, -1, &st, NULL) != SQLITE_OK)
		die_sql(g, sql);
	return st;
}

/* Steps an insert and returns its rowid; exits on an error. */
static long
insert(struct gen *g, sqlite3_stmt *st, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die_sql(g, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (long)sqlite3_last_insert_rowid(g->conn);
}

static void
exec_sql(struct gen *g, const char *sql)
{
	if (sqlite3_exec(g->conn, sql, NULL, NULL, NULL) != SQLITE_OK)
		die_sql(g, sql);
}

/* The id of a row found by one text key, or 0. */
static long
lookup(struct gen *g, const char *sql, const char *key)
{
	sqlite3_stmt	*st = prep(g, sql);
	long		 id = 0;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static long
add_user(struct gen *g, const char *login, const char *name,
    const char *role, long org)
{
	sqlite3_stmt	*st = prep(g, "INSERT INTO users(login, name, role,"
	    " organisation_id) VALUES (?1, ?2, ?3, ?4)");
	long		 id;

	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	if (org)
		sqlite3_bind_int64(st, 4, org);
	id = insert(g, st, "user");
	sqlite3_finalize(st);
	return id;
}

/* Users and organisations the bulk data needs beside the demo's. */
static void
load_people(struct gen *g)
{
	sqlite3_stmt	*st;
	char		 login[32], name[64];
	int		 i;

	g->framtid = lookup(g, "SELECT id FROM organisations WHERE name = ?1",
	    "Framtid AB");
	g->steget = lookup(g, "SELECT id FROM organisations WHERE name = ?1",
	    "Steget Vidare");
	g->anna = lookup(g, "SELECT id FROM users WHERE login = ?1", "anna");
	g->bo = lookup(g, "SELECT id FROM users WHERE login = ?1", "bo");
	g->karin = lookup(g, "SELECT id FROM users WHERE login = ?1", "karin");
	if (!g->framtid || !g->steget || !g->anna || !g->bo || !g->karin) {
		fprintf(stderr, "seed: run insats init --demo first\n");
		exit(1);
	}
	g->counsellors[0] = lookup(g, "SELECT id FROM users WHERE login = ?1",
	    "kalle");
	for (i = 1; i < COUNSELLORS; i++) {
		snprintf(login, sizeof(login), "vagl%02d", i);
		snprintf(name, sizeof(name), "Vägledare %02d", i);
		g->counsellors[i] = add_user(g, login, name, "counsellor", 0);
	}
	st = prep(g, "INSERT INTO organisations(name) VALUES (?1)");
	for (i = 0; i < PROVIDERS; i++) {
		snprintf(name, sizeof(name), "Leverantör %02d AB", i + 1);
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		g->orgs[i] = insert(g, st, "organisation");
	}
	sqlite3_finalize(st);
	for (i = 0; i < PROVIDERS; i++) {
		snprintf(login, sizeof(login), "lev%02d", i + 1);
		snprintf(name, sizeof(name), "Handläggare %02d", i + 1);
		g->org_users[i] = add_user(g, login, name, "provider",
		    g->orgs[i]);
	}
	st = prep(g, "SELECT code FROM catalogue ORDER BY code");
	while (sqlite3_step(st) == SQLITE_ROW && g->ncodes < 64)
		snprintf(g->codes[g->ncodes++], sizeof(g->codes[0]), "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (g->ncodes == 0) {
		fprintf(stderr, "seed: the catalogue is empty\n");
		exit(1);
	}
}

/* A valid personal number (Luhn check digit) born 1960-2003, unique. */
static void
make_pnr(struct gen *g, char out[14])
{
	char		 d[16];
	unsigned	 i, sum = 0, v, year, month, day, serial;

	g->pnr_serial++;
	year = 1960 + (unsigned)(g->pnr_serial % 44);
	month = 1 + (unsigned)(g->pnr_serial / 44 % 12);
	day = 1 + (unsigned)(g->pnr_serial / 528 % 28);
	serial = (unsigned)(g->pnr_serial / 14784 % 1000);
	snprintf(d, sizeof(d), "%02u%02u%02u%03u", year % 100, month % 100,
	    day % 100, serial % 1000);
	for (i = 0; i < 9; i++) {
		v = (unsigned)(d[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	snprintf(out, 14, "%04u%.4s-%.3s%u", year % 10000, d + 2, d + 6,
	    (10 - sum % 10) % 10);
}

static long
add_customer(struct gen *g, long counsellor)
{
	char	 pnr[14], name[64];

	make_pnr(g, pnr);
	snprintf(name, sizeof(name), "%s %s",
	    first_names[rnd(g, NELEM(first_names))],
	    last_names[rnd(g, NELEM(last_names))]);
	sqlite3_bind_text(g->customer, 1, pnr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(g->customer, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->customer, 3, counsellor);
	sqlite3_bind_int(g->customer, 4, rnd(g, 50) == 0);
	sqlite3_bind_text(g->customer, 5, "2026-01-02T08:00:00Z", -1,
	    SQLITE_STATIC);
	g->customers++;
	return insert(g, g->customer, "customer");
}

/* A date n days after 2025-01-01, as YYYY-MM-DD (30-day months are
 * enough for test data; days stop at 28). */
static void
day_string(long n, char out[11])
{
	int	 y = 2025 + (int)(n / 336), m = 1 + (int)(n / 28 % 12);

	snprintf(out, 11, "%04d-%02d-%02d", y, m, 1 + (int)(n % 28));
}

static long
add_placement(struct gen *g, long customer, long provider, long startday)
{
	char	 start[11], end[11];

	day_string(startday, start);
	day_string(startday + 180, end);
	sqlite3_bind_int64(g->placement, 1, customer);
	sqlite3_bind_text(g->placement, 2, g->codes[rnd(g, g->ncodes)], -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(g->placement, 3, provider);
	sqlite3_bind_text(g->placement, 4, start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(g->placement, 5, end, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(g->placement, 6, "2026-01-02T08:00:00Z", -1,
	    SQLITE_STATIC);
	g->placements++;
	return insert(g, g->placement, "placement");
}

static size_t
cat(char *buf, size_t at, const char *s)
{
	size_t	 n = strlen(s);

	if (at + n >= XML_MAX) {
		fprintf(stderr, "seed: XML_MAX too small\n");
		exit(1);
	}
	memcpy(buf + at, s, n + 1);
	return at + n;
}

/* One version of a plan: content varies with the random stream. */
static void
plan_xml(struct gen *g, int version, const char *signer, char *buf)
{
	char	 line[600];
	size_t	 at = 0;
	unsigned long i, n;

	at = cat(buf, at, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plan>\n");
	snprintf(line, sizeof(line), "  <goal>%s</goal>\n",
	    goals[rnd(g, NELEM(goals))]);
	at = cat(buf, at, line);
	at = cat(buf, at, "  <subgoals>\n");
	for (i = 0, n = 1 + rnd(g, 3) + (unsigned long)(version > 1); i < n; i++) {
		snprintf(line, sizeof(line), "    <subgoal>%s</subgoal>\n",
		    subgoals[rnd(g, NELEM(subgoals))]);
		at = cat(buf, at, line);
	}
	at = cat(buf, at, "  </subgoals>\n  <activities>\n");
	for (i = 0, n = 1 + rnd(g, 3); i < n; i++) {
		snprintf(line, sizeof(line), "    <activity>\n"
		    "      <what>%s</what>\n      <how>%s</how>\n"
		    "      <when>Vecka %lu</when>\n    </activity>\n",
		    whats[rnd(g, NELEM(whats))], hows[rnd(g, NELEM(hows))],
		    2 + rnd(g, 50));
		at = cat(buf, at, line);
	}
	at = cat(buf, at, "  </activities>\n  <scope>\n");
	if (rnd(g, 4) == 0)
		snprintf(line, sizeof(line), "    <extent>parttime</extent>\n"
		    "    <parttimeReason>%s</parttimeReason>\n",
		    reasons[rnd(g, NELEM(reasons))]);
	else
		snprintf(line, sizeof(line), "    <extent>fulltime</extent>\n");
	at = cat(buf, at, line);
	snprintf(line, sizeof(line), "  </scope>\n"
	    "  <followUp>2026-%02lu-%02lu</followUp>\n  <signatures>\n"
	    "    <customer>\n      <signedBy>Kunden</signedBy>\n"
	    "      <date>2026-%02lu-%02lu</date>\n    </customer>\n"
	    "    <provider>\n      <signedBy>%s</signedBy>\n"
	    "      <date>2026-%02lu-%02lu</date>\n    </provider>\n"
	    "  </signatures>\n</plan>\n",
	    1 + rnd(g, 12), 1 + rnd(g, 28), 1 + rnd(g, 12), 1 + rnd(g, 28),
	    signer, 1 + rnd(g, 12), 1 + rnd(g, 28));
	cat(buf, at, line);
}

/* Exits unless xml is valid against plan.xsd. */
static void
check_xml(struct gen *g, const char *xml)
{
	struct field_errors	 errs;
	const char		*why;
	xmlDocPtr		 doc;

	memset(&errs, 0, sizeof(errs));
	doc = xmldoc_parse_untrusted(xml, strlen(xml), &why);
	if (doc == NULL || xmldoc_validate(g->schema, doc, NULL, &errs) != 0) {
		fprintf(stderr, "seed: generated an invalid plan (%s):\n%s",
		    errs.n ? errs.e[0].field : why, xml);
		exit(1);
	}
	xmlFreeDoc(doc);
}

static long
add_event(struct gen *g, long doc, long placement, long customer, long actor,
    const char *at, const char *action, const char *from, const char *to,
    const char *comment)
{
	sqlite3_bind_int64(g->event, 1, doc);
	sqlite3_bind_int64(g->event, 2, placement);
	sqlite3_bind_int64(g->event, 3, customer);
	sqlite3_bind_int64(g->event, 4, actor);
	sqlite3_bind_text(g->event, 5, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(g->event, 6, action, -1, SQLITE_STATIC);
	if (from)
		sqlite3_bind_text(g->event, 7, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(g->event, 8, to, -1, SQLITE_STATIC);
	if (comment)
		sqlite3_bind_text(g->event, 9, comment, -1, SQLITE_STATIC);
	g->events++;
	return insert(g, g->event, "event");
}

/* A timestamp n hours after a day's morning. */
static void
stamp(long day, int hour, char out[21])
{
	char	 d[11];

	day_string(day, d);
	snprintf(out, 21, "%sT%02d:%02d:00Z", d, 7 + hour % 10, hour * 7 % 60);
}

/*
 * One plan revision with its versions and events.  The owner (provider
 * user) writes it; the counsellor returns or approves it.
 */
static void
add_plan(struct gen *g, long placement, long customer, long owner,
    const char *signer, long counsellor, int revision, int state, long day)
{
	char	 xml[XML_MAX], created[21], at[21], submitted[21];
	int	 v, nver = 1 + (int)rnd(g, 3), h = 0;
	long	 doc, created_event = 0;

	stamp(day, h++, created);
	submitted[0] = '\0';
	if (state != ST_DRAFT)
		stamp(day + 3, 0, submitted);
	sqlite3_bind_int64(g->doc, 1, placement);
	sqlite3_bind_int(g->doc, 2, revision);
	sqlite3_bind_text(g->doc, 3, state_names[state], -1, SQLITE_STATIC);
	sqlite3_bind_int(g->doc, 4, nver);
	sqlite3_bind_text(g->doc, 5, created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(g->doc, 6, state == ST_DRAFT ? created : submitted,
	    -1, SQLITE_TRANSIENT);
	if (submitted[0])
		sqlite3_bind_text(g->doc, 7, submitted, -1, SQLITE_TRANSIENT);
	doc = insert(g, g->doc, "document");
	g->docs++;
	for (v = 1; v <= nver; v++) {
		plan_xml(g, v, signer, xml);
		check_xml(g, xml);
		stamp(day, h++, at);
		sqlite3_bind_int64(g->version, 1, doc);
		sqlite3_bind_int(g->version, 2, v);
		sqlite3_bind_text(g->version, 3, xml, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(g->version, 4, owner);
		sqlite3_bind_text(g->version, 5, at, -1, SQLITE_TRANSIENT);
		/* A save is recorded by its version row (db.c migration 8). */
		if (v > 1) {
			sqlite3_bind_text(g->version, 6, "draft", -1,
			    SQLITE_STATIC);
			sqlite3_bind_int64(g->version, 7, created_event);
		}
		insert(g, g->version, "version");
		g->versions++;
		if (v == 1)
			created_event = add_event(g, doc, placement, customer,
			    owner, at, revision > 1 ? "revise" : "create", NULL,
			    "draft", NULL);
	}
	if (state == ST_DRAFT)
		return;
	add_event(g, doc, placement, customer, owner, submitted, "submit",
	    "draft", "submitted", NULL);
	stamp(day + 5, 2, at);
	if (state == ST_RETURNED)
		add_event(g, doc, placement, customer, counsellor, at, "return",
		    "submitted", "returned", "Komplettera aktiviteterna med "
		    "tider och ange vem som är handledare.");
	else if (state == ST_APPROVED)
		add_event(g, doc, placement, customer, counsellor, at,
		    "approve", "submitted", "approved", NULL);
}

/* A placement's plan: one revision, or an approved one and a newer one. */
static void
add_plans(struct gen *g, long placement, long customer, long owner,
    const char *signer, long counsellor, int state, int revisions, long day)
{
	if (revisions > 1)
		add_plan(g, placement, customer, owner, signer, counsellor, 1,
		    ST_APPROVED, day);
	add_plan(g, placement, customer, owner, signer, counsellor, revisions,
	    state, day + 20);
}

/* Karin's portfolio: the same at every database size. */
static void
fixed_block(struct gen *g)
{
	long	 c, p;
	int	 i;

	for (i = 0; i < FIXED_PLACEMENTS; i++) {
		c = add_customer(g, g->karin);
		p = add_placement(g, c, g->framtid, 500 + i * 3);
		add_plans(g, p, c, g->anna, "Anna Andersson", g->karin,
		    (int[]){ ST_SUBMITTED, ST_APPROVED, ST_DRAFT,
		    ST_RETURNED }[i % 4], i % 5 == 0 ? 2 : 1, 500 + i * 3);
	}
}

/* A state for bulk data: most plans are approved, some in progress. */
static int
bulk_state(struct gen *g)
{
	unsigned long r = rnd(g, 100);

	return r < 55 ? ST_APPROVED : r < 75 ? ST_DRAFT : r < 90 ?
	    ST_SUBMITTED : ST_RETURNED;
}

static void
bulk(struct gen *g, long ndocs, long ncustomers)
{
	long	 c, p, owner, org, ppk, i, day;
	const char *signer;
	unsigned long r;
	int	 k, nplace;

	/* Placements per thousand customers: a placement has 1.4 plans. */
	ppk = ndocs * 1000 / 14 * 10 / (ncustomers > 0 ? ncustomers : 1);
	for (i = 0; i < ncustomers || g->docs < ndocs; i++) {
		c = add_customer(g, g->counsellors[i % COUNSELLORS]);
		nplace = (int)(ppk / 1000) +
		    (rnd(g, 1000) < (unsigned long)(ppk % 1000));
		if (nplace < 1 && i >= ncustomers)
			nplace = 1;
		for (k = 0; k < nplace && g->docs < ndocs; k++) {
			r = rnd(g, 100);
			if (r < 25) {
				org = g->framtid, owner = g->anna;
				signer = "Anna Andersson";
			} else if (r < 40) {
				org = g->steget, owner = g->bo;
				signer = "Bo Berg";
			} else {
				org = g->orgs[r % PROVIDERS];
				owner = g->org_users[r % PROVIDERS];
				signer = "Handläggare";
			}
			day = (long)rnd(g, 600);
			p = add_placement(g, c, org, day);
			add_plans(g, p, c, owner, signer,
			    g->counsellors[i % COUNSELLORS], bulk_state(g),
			    rnd(g, 10) < 4 && ndocs - g->docs > 1 ? 2 : 1, day);
		}
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: seed --db PATH --schema-dir DIR --docs N "
	    "--customers N\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct gen	 g;
	struct db	*db = NULL;
	const char	*path = NULL, *schemas = NULL;
	char		 xsd[4096];
	long		 ndocs = -1, ncust = -1;
	int		 i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--db") == 0)
			path = argv[i + 1];
		else if (strcmp(argv[i], "--schema-dir") == 0)
			schemas = argv[i + 1];
		else if (strcmp(argv[i], "--docs") == 0)
			ndocs = atol(argv[i + 1]);
		else if (strcmp(argv[i], "--customers") == 0)
			ncust = atol(argv[i + 1]);
		else
			usage();
	}
	if (i != argc || path == NULL || schemas == NULL ||
	    ndocs < FIXED_PLACEMENTS * 2 || ncust < FIXED_PLACEMENTS)
		usage();
	memset(&g, 0, sizeof(g));
	g.rng = 0x9e3779b97f4a7c15ULL;
	g.pnr_serial = 14784L * 100;	/* serial numbers from 100 */
	xmldoc_init();
	snprintf(xsd, sizeof(xsd), "%s/plan.xsd", schemas);
	if ((g.schema = xmldoc_schema_load(xsd)) == NULL) {
		fprintf(stderr, "seed: cannot compile %s\n", xsd);
		return 1;
	}
	xmldoc_lockdown();
	if ((db = db_open(path, 0)) == NULL)
		return 1;
	g.conn = db->conn;
	exec_sql(&g, "PRAGMA synchronous = OFF; BEGIN IMMEDIATE");
	load_people(&g);
	g.customer = prep(&g, "INSERT INTO customers(pnr, name, counsellor_id,"
	    " protected, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
	g.placement = prep(&g, "INSERT INTO placements(customer_id, code,"
	    " provider_id, start_date, end_date, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	g.doc = prep(&g, "INSERT INTO documents(placement_id, kind, period,"
	    " revision, state, version, title, created_at, updated_at,"
	    " submitted_at) VALUES (?1, 'plan', '', ?2, ?3, ?4,"
	    " 'Genomförandeplan', ?5, ?6, ?7)");
	g.version = prep(&g, "INSERT INTO document_versions(document_id,"
	    " version, xml, saved_by, saved_at, state, after_event)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	g.event = prep(&g, "INSERT INTO events(document_id, placement_id,"
	    " customer_id, actor_id, at, action, from_state, to_state, comment)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	fixed_block(&g);
	bulk(&g, ndocs, ncust - FIXED_PLACEMENTS);
	sqlite3_finalize(g.customer);
	sqlite3_finalize(g.placement);
	sqlite3_finalize(g.doc);
	sqlite3_finalize(g.version);
	sqlite3_finalize(g.event);
	exec_sql(&g, "COMMIT; PRAGMA synchronous = FULL;"
	    " PRAGMA wal_checkpoint(TRUNCATE)");
	db_close(db);
	xmlSchemaFree(g.schema);
	printf("seed: %ld customers, %ld placements, %ld documents, "
	    "%ld versions (all valid against plan.xsd), %ld events\n",
	    g.customers, g.placements, g.docs, g.versions, g.events);
	return 0;
}
