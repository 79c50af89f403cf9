// Issue 2 end to end through nginx: an implementation plan (genomförandeplan)
// is written by the provider, submitted, returned by the counsellor with a
// comment, completed, approved and revised; access rules, CSRF, the XML
// interface and the audit history are checked on the way.
// Each describe() block has a stack (a fresh demo database) of its own; the
// tests of a block run in order and build on the state the earlier ones left.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	startStack, client, csrfOf, links, parseForm, rowOf, textOf, decode, describeRes,
	fixture, attrs, leafRows,
} from './lib.mjs';

const FRAMTID = ['Eva Ek', 'Oskar Lind', 'Johan Svensson'];
const STEGET = ['Sara Nilsson', 'Ahmed Hassan', 'Lina Berg'];
const PROTECTED_NAME = 'Maria Skog';
const RETURN_COMMENT = 'Komplettera delmålen.';

// What anna types into the plan form.
const TYPED = {
	goal: 'Arbete inom lager och logistik på minst halvtid.',
	'subgoals/subgoal[1]': 'Truckkort A och B.',
	'subgoals/subgoal[2]': 'Praktik hos en arbetsgivare i Nacka.',
	'activities/activity[1]/what': 'Truckutbildning',
	'activities/activity[1]/how': 'Kurs hos extern utbildare, fyra dagar.',
	'activities/activity[1]/when': 'Vecka 12',
	'signatures/customer/signedBy': 'Eva Ek',
	'signatures/customer/date': '2024-03-01',
	'signatures/provider/signedBy': 'Anna Andersson',
	'signatures/provider/date': '2024-03-02',
};
const FOLLOW_UP = '2024-04-15';
const PNR = /\b(19|20)\d{6}-\d{4}\b/;
const SUBGOAL_2_EDITED = 'Praktik hos en arbetsgivare i Nacka, fyra veckor.';

/** The dates YYYY-MM-DD in some HTML. */
function isoDates(html) {
	return [...textOf(html).matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)].map((m) => m[0]);
}

/** A placement row shows its start and the plan's due date 14 days later (13-16: weekend, counting). */
function hasPlanDue(row) {
	const ds = isoDates(row).map((d) => Date.parse(d));
	return ds.some((a) => ds.some((b) => (b - a) / 864e5 >= 13 && (b - a) / 864e5 <= 16));
}

/** Asserts the response status, with the response described on failure. */
function status(res, expected, what = '') {
	const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
	assert.ok(ok, `${what ? what + ': ' : ''}expected ${expected}, got ${describeRes(res)}`);
}

/** Asserts a 303 to exactly `path`. */
function redirect(res, path, what) {
	status(res, 303, what);
	assert.equal(res.location, path, `${what}: Location`);
}

function has(html, text, what) {
	assert.ok(textOf(html).includes(text) || decode(html).includes(text),
		`${what}: "${text}" not found in: ${textOf(html).trim().slice(0, 600)}`);
}

function lacks(html, text, what) {
	assert.ok(!decode(html).includes(text), `${what}: "${text}" must not be in the page`);
}

/**
 * The last test of each block: every response its stack sent (more than
 * `least` of them) has lang="sv" on its pages, the security headers and
 * no-store.
 */
function itSendsLangAndSecurityHeaders(own, least) {
	it('sends lang="sv", the security headers and no-store on every page', () => {
		assert.ok(own.stack.responses.length > least, `enough responses seen (${own.stack.responses.length})`);
		for (const r of own.stack.responses) {
			const what = `${r.method} ${r.url} as ${r.user} (${r.status})`;
			assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/, `CSP on ${what}`);
			assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `nosniff on ${what}`);
			assert.equal(r.headers.get('x-frame-options'), 'DENY', `X-Frame-Options on ${what}`);
			assert.equal(r.headers.get('referrer-policy'), 'no-referrer', `Referrer-Policy on ${what}`);
			if (r.status === 401 || r.status === 413) continue;	// nginx's own pages
			assert.equal(r.headers.get('cache-control'), 'no-store', `Cache-Control on ${what}`);
			if (r.type.startsWith('text/html'))
				assert.match(r.text, /<html\b[^>]*\blang="sv"/, `lang="sv" on ${what}`);
		}
	});
}

/**
 * A stack of its own for the enclosing describe() block, with the demo
 * users (and "ghost", in nginx's file but not in the database) as
 * clients.  Returns { stack, anna, bo, karin, kalle, ghost, nobody },
 * filled before the block's tests.
 */
function ownStack(name) {
	const own = {};
	before(async () => {
		own.stack = await startStack(name);
		await own.stack.addUser('ghost');
		[own.anna, own.bo, own.karin, own.kalle, own.ghost, own.nobody] =
			['anna', 'bo', 'karin', 'kalle', 'ghost', null].map((u) => client(own.stack, u));
	});
	after(async () => {
		await own.stack?.stop();
	});
	return own;
}

describe('nginx asks for a login, and the worker refuses a login the database does not know', { timeout: 120000 }, () => {
	const own = ownStack('integration-plan-login');
	let stack; let anna; let bo; let karin; let kalle; let ghost; let nobody;
	before(() => ({ stack, anna, bo, karin, kalle, ghost, nobody } = own));

	it('asks for a login (401 from nginx) and refuses a login unknown to the database (403)', async () => {
		const res = await nobody.get('/');
		status(res, 401, 'no credentials');
		assert.match(res.headers.get('www-authenticate') ?? '', /^Basic realm="insats"/);
		const wrong = await client(stack, 'anna', 'fel').get('/');
		status(wrong, 401, 'wrong password');
		const g = await ghost.get('/');
		status(g, 403, 'ghost: in htpasswd, not in the database');
		// Identity comes from nginx's REMOTE_USER, never from a client header.
		const spoof = await anna.get('/', { headers: { 'Remote-User': 'karin', 'X-Remote-User': 'karin' } });
		status(spoof, 200, 'anna with a Remote-User header');
		has(spoof.text, 'Anna Andersson', 'still anna');
		lacks(spoof.text, 'Karin Karlsson', 'not karin');
		status(await nobody.get('/', { headers: { 'Remote-User': 'admin' } }), 401, 'a header is no login');
	});

	itSendsLangAndSecurityHeaders(own, 4);
});

describe('nginx refuses a body over 1 MiB, and /healthz answers without a login', { timeout: 120000 }, () => {
	const own = ownStack('integration-plan-nginx');
	let stack; let anna; let bo; let karin; let kalle; let ghost; let nobody;
	before(() => ({ stack, anna, bo, karin, kalle, ghost, nobody } = own));

	it('refuses a body over 1 MiB in nginx (413)', async () => {
		const res = await anna.postForm('/documents', { csrf: 'x', goal: 'a'.repeat(1100000) });
		status(res, 413, 'large body');
	});

	it('answers /healthz without a login', async () => {
		const res = await nobody.get('/healthz');
		status(res, 200, '/healthz');
	});

	itSendsLangAndSecurityHeaders(own, 1);
});

describe("a start page lists the user's own organisation's placements only, and a protected identity only to its counsellor", { timeout: 120000 }, () => {
	const own = ownStack('integration-plan-lists');
	let stack; let anna; let bo; let karin; let kalle; let ghost; let nobody;
	before(() => ({ stack, anna, bo, karin, kalle, ghost, nobody } = own));
	let placementId;
	let evaPnr = null;

	it("lists Framtid AB's placements, and only those, on anna's start page", async () => {
		const res = await anna.get('/');
		status(res, 200, 'anna /');
		assert.match(res.type, /^text\/html/);
		for (const name of FRAMTID) {
			const row = rowOf(res.text, name);
			assert.ok(row, `anna's start page has no row for ${name}`);
			has(row, 'Ej påbörjad', `row of ${name}`);
			assert.ok(hasPlanDue(row), `row of ${name} shows the plan's due date (14 days after ` +
				`the start): ${textOf(row).trim()}`);
		}
		const prot = rowOf(res.text, 'Skyddad identitet');
		assert.ok(prot, 'the protected customer is listed as "Skyddad identitet"');
		has(prot, 'Ej påbörjad', 'row of the protected customer');
		for (const name of [...STEGET, PROTECTED_NAME]) lacks(res.text, name, "anna's start page");

		const eva = rowOf(res.text, 'Eva Ek');
		const hrefs = links(eva);
		const m = hrefs.map((h) => /^\/documents\/new\?placement=(\d+)&kind=plan$/.exec(h)).find(Boolean);
		assert.ok(m, `Eva Ek's row links to /documents/new?placement=ID&kind=plan (links: ${hrefs.join(' ')})`);
		placementId = m[1];
		const ep = await anna.get(`/placements/${placementId}`);
		status(ep, 200, "anna's page of Eva Ek's placement");
		has(ep.text, 'Eva Ek', 'placement page');
		evaPnr = PNR.exec(textOf(ep.text))?.[0] ?? null;
	});

	it("lists Steget Vidare's placements, and only those, on bo's start page", async () => {
		const res = await bo.get('/');
		status(res, 200, 'bo /');
		for (const name of STEGET) {
			const row = rowOf(res.text, name);
			assert.ok(row, `bo's start page has no row for ${name}`);
			has(row, 'Ej påbörjad', `row of ${name}`);
		}
		for (const name of [...FRAMTID, PROTECTED_NAME]) lacks(res.text, name, "bo's start page");
		if (evaPnr) lacks(res.text, evaPnr, "bo's start page (Eva Ek's pnr)");
	});

	it("hides the protected customer's name and pnr from anna, not from karin", async () => {
		const k = await karin.get('/');
		status(k, 200, 'karin /');
		const row = rowOf(k.text, PROTECTED_NAME);
		assert.ok(row, `karin (responsible) sees ${PROTECTED_NAME}`);
		const pid = links(row).map((h) => /^\/placements\/(\d+)$/.exec(h)).find(Boolean)?.[1];
		assert.ok(pid, `${PROTECTED_NAME}'s row links to /placements/ID`);
		const kp = await karin.get(`/placements/${pid}`);
		status(kp, 200, "karin's placement page");
		has(kp.text, PROTECTED_NAME, "karin's placement page");
		const pnr = PNR.exec(textOf(kp.text))?.[0];
		assert.ok(pnr, "karin's placement page shows the pnr");

		const a = await anna.get('/');
		lacks(a.text, PROTECTED_NAME, "anna's start page");
		lacks(a.text, pnr, "anna's start page (protected pnr)");
		const ap = await anna.get(`/placements/${pid}`);
		status(ap, 200, "anna's page of her organisation's placement");
		lacks(ap.text, PROTECTED_NAME, "anna's placement page");
		lacks(ap.text, pnr, "anna's placement page (pnr)");
		has(ap.text, 'Skyddad identitet', "anna's placement page");
	});

	itSendsLangAndSecurityHeaders(own, 6);
});

describe('a plan is written, submitted, returned with a comment, approved and revised, each step by the right user only', { timeout: 120000 }, () => {
	const own = ownStack('integration-plan');
	let stack; let anna; let bo; let karin; let kalle; let ghost; let nobody;
	before(() => ({ stack, anna, bo, karin, kalle, ghost, nobody } = own));
	let placementId; let docId; let newId;
	let form;
	// Eva Ek's placement, from anna's start page.
	before(async () => {
		const eva = rowOf((await anna.get('/')).text, 'Eva Ek');
		placementId = links(eva).map((h) => /^\/documents\/new\?placement=(\d+)&kind=plan$/.exec(h)).find(Boolean)?.[1];
		assert.ok(placementId, "Eva Ek's row links to a new plan");
	});

	it('opens a new plan form and adds a sub-goal row', async () => {
		assert.ok(placementId, 'needs the placement id from the start page');
		const res = await anna.get(`/documents/new?placement=${placementId}&kind=plan`);
		status(res, 200, 'new plan form');
		assert.match(res.text, /<html\b[^>]*\blang="sv"/);
		form = parseForm(res.text, '/documents');
		assert.ok(form, 'a form posting to /documents');
		assert.ok(form.get('csrf'), 'hidden csrf in the form');
		assert.equal(form.get('placement'), placementId, 'hidden placement');
		assert.equal(form.get('kind'), 'plan', 'hidden kind');
		for (const f of ['goal', 'subgoals/subgoal[1]', 'activities/activity[1]/what', 'followUp',
			'signatures/customer/signedBy', 'signatures/provider/date'])
			assert.ok(form.has(f), `form field ${f} (fields: ${form.names().join(' ')})`);
		assert.match(res.text, /name="_action"[^>]*value="save"|value="save"[^>]*name="_action"/,
			'a save button _action=save');

		form.set('goal', TYPED.goal).set('subgoals/subgoal[1]', TYPED['subgoals/subgoal[1]']);
		const add = await anna.postForm('/documents', form.press('_add', 'subgoals/subgoal'));
		status(add, 200, '_add=subgoals/subgoal');
		const names = new Set([...add.text.matchAll(/name="(subgoals\/subgoal\[\d+\])"/g)].map((m) => m[1]));
		assert.deepEqual([...names].sort(), ['subgoals/subgoal[1]', 'subgoals/subgoal[2]'],
			'two sub-goal inputs after _add');
		has(add.text, TYPED.goal, 'the goal typed before _add');
		form = parseForm(add.text, '/documents');
		assert.ok(form, 'the form again after _add');
	});

	it('shows a save without followUp again (422) with the message at the field and nothing lost', async () => {
		assert.ok(form, 'needs the form');
		for (const [k, v] of Object.entries(TYPED)) form.set(k, v);
		if (form.has('scope/extent')) form.set('scope/extent', 'fulltime');
		form.set('followUp', '');
		const res = await anna.postForm('/documents', form.press('_action', 'save'));
		status(res, 422, 'save without followUp');
		const atField = /id="e-followUp"/.test(res.text) ||
			[...res.text.matchAll(/<(input|textarea|select)\b[^>]*>/gi)]
				.map((m) => attrs(m[0])).some((a) => a.id === 'f-followUp' && a['aria-invalid'] === 'true');
		assert.ok(atField, 'a message e-followUp or aria-invalid="true" on f-followUp');
		for (const [k, v] of Object.entries(TYPED)) has(res.text, v, `value of ${k} kept`);
		assert.match(res.text, /role="alert"/, 'an error summary with role="alert"');
		form = parseForm(res.text, '/documents');
		assert.ok(form, 'the form again after 422');
	});

	it('saves the completed plan as a draft (303 to ?m=saved, "Utkast")', async () => {
		assert.ok(form, 'needs the form');
		for (const [k, v] of Object.entries(TYPED))
			assert.equal(form.get(k), v, `the re-shown form holds ${k}`);
		form.set('followUp', FOLLOW_UP);
		const res = await anna.postForm('/documents', form.press('_action', 'save'));
		status(res, 303, 'save');
		const m = /^\/documents\/(\d+)\?m=saved$/.exec(res.location ?? '');
		assert.ok(m, `Location /documents/{id}?m=saved, got ${res.location}`);
		docId = m[1];
		const view = await anna.get(`/documents/${docId}?m=saved`);
		status(view, 200, 'view after save');
		has(view.text, 'Utkast', 'state of the new plan');
		has(view.text, TYPED.goal, 'the saved goal');
	});

	it('refuses a submit without csrf (403, state unchanged) and takes one with it', async () => {
		assert.ok(docId, 'needs the saved plan');
		const bad = await anna.postForm(`/documents/${docId}/submit`, {});
		status(bad, 403, 'submit without csrf');
		const forged = await anna.postForm(`/documents/${docId}/submit`, { csrf: '0'.repeat(64) });
		status(forged, 403, 'submit with a wrong csrf');
		let view = await anna.get(`/documents/${docId}`);
		const cross = await anna.postForm(`/documents/${docId}/submit`, { csrf: csrfOf(view.text) },
			{ headers: { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' } });
		status(cross, 403, 'a cross-site submit with a valid token');
		view = await anna.get(`/documents/${docId}`);
		has(view.text, 'Utkast', 'still a draft');
		lacks(view.text, 'Klarmarkerad', 'not submitted');
		assert.ok(parseForm(view.text, `/documents/${docId}/submit`), 'the page offers submit');

		const ok = await anna.action(docId, 'submit', view.text);
		redirect(ok, `/documents/${docId}?m=submitted`, 'submit');
		view = await anna.get(`/documents/${docId}`);
		has(view.text, 'Klarmarkerad', 'state after submit');
	});

	it("puts the plan in karin's queue with a review due date", async () => {
		assert.ok(docId, 'needs the submitted plan');
		const res = await karin.get('/');
		status(res, 200, 'karin /');
		const rows = rowOf(res.text, `href="/documents/${docId}"`, { all: true });
		assert.ok(rows.length, `karin's start page links to /documents/${docId}`);
		// 5 working days after today's submit: 5 to 12 calendar days on.
		const today = Date.parse(new Date().toISOString().slice(0, 10));
		const ok = rows.some((r) => isoDates(r).some((d) => {
			const days = (Date.parse(d) - today) / 864e5;
			return days >= 4 && days <= 13;
		}));
		assert.ok(ok, `a queue row shows the review due date (5 working days on): ${rows.map(textOf).join(' | ')}`);
	});

	it('hides the plan from kalle (not responsible) and bo (other provider): 404', async () => {
		assert.ok(docId && placementId, 'needs the plan');
		status(await kalle.get(`/documents/${docId}`), 404, 'kalle');
		for (const p of [`/documents/${docId}`, `/documents/${docId}/edit`, `/documents/${docId}/history`,
			`/placements/${placementId}`, `/documents/${docId}?format=xml`])
			status(await bo.get(p), 404, `bo ${p}`);
		const page = await anna.get(`/documents/${docId}`);
		status(await bo.postForm(`/documents/${docId}/submit`, { csrf: csrfOf(page.text) ?? '' }),
			[403, 404], "bo posting with anna's token");
	});

	it('requires a comment to return (422), then returns with one', async () => {
		assert.ok(docId, 'needs the submitted plan');
		let view = await karin.get(`/documents/${docId}`);
		status(view, 200, "karin's view");
		assert.ok(parseForm(view.text, `/documents/${docId}/return`), 'the page offers return');
		const bad = await karin.action(docId, 'return', view.text, { comment: '' });
		status(bad, 422, 'return without comment');
		view = await karin.get(`/documents/${docId}`);
		has(view.text, 'Klarmarkerad', 'still submitted');
		lacks(view.text, 'Återremitterad', 'not returned');

		const ok = await karin.action(docId, 'return', view.text, { comment: RETURN_COMMENT });
		redirect(ok, `/documents/${docId}?m=returned`, 'return');
		view = await karin.get(`/documents/${docId}`);
		has(view.text, 'Återremitterad', 'state after return');
		const a = await anna.get(`/documents/${docId}`);
		has(a.text, RETURN_COMMENT, 'anna sees the comment');
	});

	it('lets anna complete and resubmit the returned plan, and karin approve it', async () => {
		assert.ok(docId, 'needs the returned plan');
		const edit = await anna.get(`/documents/${docId}/edit`);
		status(edit, 200, 'edit form');
		const f = parseForm(edit.text, `/documents/${docId}`);
		assert.ok(f, `a form posting to /documents/${docId}`);
		assert.ok(f.get('version'), 'hidden version');
		assert.ok(f.get('csrf'), 'hidden csrf');
		for (const [k, v] of Object.entries(TYPED)) assert.equal(f.get(k), v, `saved value of ${k}`);
		assert.equal(f.get('followUp'), FOLLOW_UP, 'saved followUp');
		f.set('subgoals/subgoal[2]', SUBGOAL_2_EDITED);
		const saved = await anna.postForm(`/documents/${docId}`, f.press('_action', 'save'));
		redirect(saved, `/documents/${docId}?m=saved`, 'save of the returned plan');

		let view = await anna.get(`/documents/${docId}`);
		has(view.text, SUBGOAL_2_EDITED, 'the edited sub-goal');
		const sub = await anna.action(docId, 'submit', view.text);
		redirect(sub, `/documents/${docId}?m=submitted`, 'second submit');

		view = await karin.get(`/documents/${docId}`);
		assert.ok(parseForm(view.text, `/documents/${docId}/approve`), 'the page offers approve');
		const karinToken = csrfOf(view.text);
		const ok = await karin.action(docId, 'approve', view.text);
		redirect(ok, `/documents/${docId}?m=approved`, 'approve');
		view = await karin.get(`/documents/${docId}`);
		has(view.text, 'Godkänd', 'state after approve');

		const again = await karin.postForm(`/documents/${docId}/approve`,
			{ csrf: csrfOf(view.text) ?? karinToken });
		status(again, 409, 'second approve');
		// The version in `f` is stale by now as well; an approved plan is 409 either way.
		const late = await anna.postForm(`/documents/${docId}`, f.press('_action', 'save'));
		status(late, 409, "anna's save of the approved plan");
		view = await anna.get(`/documents/${docId}`);
		has(view.text, 'Godkänd', 'still approved');
	});

	it('revises the approved plan into revision 2, leaving revision 1 approved', async () => {
		assert.ok(docId, 'needs the approved plan');
		const view = await anna.get(`/documents/${docId}`);
		assert.ok(parseForm(view.text, `/documents/${docId}/revise`), 'the page offers revise');
		const res = await anna.action(docId, 'revise', view.text);
		status(res, 303, 'revise');
		const m = /^\/documents\/(\d+)\/edit$/.exec(res.location ?? '');
		assert.ok(m, `Location /documents/{newId}/edit, got ${res.location}`);
		newId = m[1];
		assert.notEqual(newId, docId, 'a new document id');
		const edit = await anna.get(`/documents/${newId}/edit`);
		status(edit, 200, 'edit form of revision 2');
		has(edit.text, TYPED.goal, 'revision 2 starts from revision 1');
		const nv = await anna.get(`/documents/${newId}`);
		status(nv, 200, 'view of revision 2');
		assert.match(textOf(nv.text), /revision\D{0,20}\b2\b/i, 'the view says revision 2');
		has(nv.text, 'Utkast', 'revision 2 is a draft');
		const old = await anna.get(`/documents/${docId}`);
		has(old.text, 'Godkänd', 'revision 1 is still approved');
	});

	it('serves the stored XML and takes XML from an integration', async () => {
		assert.ok(docId && newId, 'needs both revisions');
		const x = await anna.get(`/documents/${docId}?format=xml`);
		status(x, 200, '?format=xml');
		assert.match(x.type, /^application\/xml\b/, 'Content-Type');
		assert.ok(x.text.startsWith('<?xml'), `XML declaration first: ${x.text.slice(0, 60)}`);
		assert.ok(x.text.includes('<plan>'), '<plan> element');
		assert.ok(decode(x.text).includes(SUBGOAL_2_EDITED), 'the stored content');
		const acc = await anna.get(`/documents/${docId}`, { headers: { Accept: 'application/xml' } });
		status(acc, 200, 'Accept: application/xml');
		assert.match(acc.type, /^application\/xml\b/, 'Content-Type for Accept: application/xml');

		const body = await fixture('tests/data/plan-valid.xml');
		const post = await anna.request('POST', `/documents/${newId}`,
			{ body, headers: { 'Content-Type': 'application/xml' } });
		assert.ok(post.status === 303 || (post.status >= 200 && post.status < 300),
			`XML POST: expected 2xx or 303, got ${describeRes(post)}`);
		const stored = await anna.get(`/documents/${newId}?format=xml`);
		assert.ok(decode(stored.text).includes('Truckkort A och B.'),
			'the posted XML is stored');
		// The demo placement's assignment is full time: the scope is the
		// counsellor's, whatever the integration sent (planscope.c).
		assert.ok(decode(stored.text).includes('<extent>fulltime</extent>') &&
			!decode(stored.text).includes('Karriärvägledaren har beslutat om 50 %'),
			`the scope follows the assignment: ${stored.text}`);

		const evil = body.replace('<plan>',
			'<!DOCTYPE plan [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<plan>')
			.replace('Truckutbildning', '&x;');
		const bad = await anna.request('POST', `/documents/${newId}`,
			{ body: evil, headers: { 'Content-Type': 'application/xml' } });
		status(bad, 400, 'XML with a DOCTYPE');
		const after = await anna.get(`/documents/${newId}?format=xml`);
		assert.ok(!after.text.includes('root:'), 'no entity expanded into the store');
	});

	it('records create, submit, return (with comment), submit, approve by the right users', async () => {
		assert.ok(docId, 'needs the plan');
		const res = await anna.get(`/documents/${docId}/history`);
		status(res, 200, 'history');
		const events = historyEvents(res.text);
		const wanted = [['create', 'anna'], ['submit', 'anna'], ['return', 'karin'],
			['submit', 'anna'], ['approve', 'karin']];
		const seen = events.filter((e) => e.action !== 'save' && e.action !== 'revise');
		assert.deepEqual(seen.map((e) => [e.action, e.actor]), wanted,
			`history events (oldest first):\n${events.map((e) => JSON.stringify(e)).join('\n')}`);
		const ret = events.find((e) => e.action === 'return');
		assert.ok(ret?.text.includes(RETURN_COMMENT), 'the return event holds the comment');
		status(await karin.get(`/documents/${docId}/history`), 200, "karin's history");
	});

	itSendsLangAndSecurityHeaders(own, 40);
});

// The history page shows the events as rows (tr or li).  An event's action
// is read from a code in its markup (a class or data-* attribute naming
// create|save|submit|return|approve|revise); failing that, from its Swedish
// words: a verb (skapade, sparade, klarmarkerade, …) names the action, else the
// last state named (the "to" of "Klarmarkerad → Återremitterad") does, and a
// row naming the same state twice last (from = to) is a save.
const CODES = /\b(create|save|submit|return|approve|revise)\b/;
const word = (w) => new RegExp(`(?<!\\p{L})(?:${w})(?!\\p{L})`, 'iu');
const VERBS = [
	[word('ny revision|reviderade'), 'revise'], [word('skapade|skapad|påbörjade'), 'create'],
	[word('sparade|sparad'), 'save'], [word('klarmarkerade'), 'submit'],
	[word('återremitterade'), 'return'], [word('godkände'), 'approve'],
];
const STATES = /(utkast)|(klarmarkerad)|(återremitterad)|(godkänd)/giu;

function historyEvents(html) {
	const events = [];
	for (const row of leafRows(html)) {
		const text = textOf(row);
		const actor = /Anna Andersson|\banna\b/.test(text) ? 'anna' :
			/Karin Karlsson|\bkarin\b/.test(text) ? 'karin' : null;
		if (!actor) continue;
		const code = [...row.matchAll(/<[^>]*\b(?:class|data-[\w-]+)="([^"]*)"/g)]
			.map((m) => CODES.exec(m[1])).find(Boolean);
		let action = code?.[1] ?? VERBS.find(([re]) => re.test(text.replace(RETURN_COMMENT, '')))?.[1];
		if (!action) {
			const st = [...text.matchAll(STATES)].map((m) =>
				m[1] ? 'draft' : m[2] ? 'submit' : m[3] ? 'return' : 'approve');
			const n = st.length;
			if (n >= 2 && st[n - 1] === st[n - 2]) action = 'save';
			else if (n >= 1) action = st[n - 1];
		}
		if (!action) continue;		// a row about something else
		events.push({ action, actor, text: text.trim().slice(0, 200) });
	}
	// Newest first on the page?  Put the oldest first.
	const first = events.findIndex((e) => e.action === 'create' || e.action === 'draft');
	const last = events.findIndex((e) => e.action === 'approve');
	if (last >= 0 && first > last) events.reverse();
	for (const [i, e] of events.entries())
		if (e.action === 'draft') e.action = i === 0 ? 'create' : 'save';
	return events;
}
