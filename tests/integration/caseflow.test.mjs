// Issue 12: the placement's case flow in the web app, through nginx.  The
// counsellor queues a customer at a provider (aktualisering), the provider
// staffs the case, the counsellor attaches the assignment, the provider
// records the start meeting and writes a plan that shows the assignment,
// the counsellor records the ending decision, the team lead extends a
// placement near its max length.  Each step: who may take it, what a bad
// form gets back (422, nothing lost), what a step out of turn gets (409),
// and its event.  Each describe() block has a stack of its own; the steps
// of the case flow run in order on one placement.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { join } from 'node:path';
import {
	startStack, client, parseForm, rowOf, textOf, decode, describeRes, csrfOf, sql, REPO,
} from './lib.mjs';

const run = promisify(execFile);
const BIN = process.env.INSATS_BIN || join(REPO, 'build/insats');

function status(res, expected, what) {
	assert.equal(res.status, expected, `${what}: expected ${expected}, got ${describeRes(res)}`);
}

function has(html, text, what) {
	assert.ok(textOf(html).includes(text) || decode(html).includes(text),
		`${what}: "${text}" not found in: ${textOf(html).replace(/\s+/g, ' ').slice(0, 900)}`);
}

/** The message shown next to field (id e-…), or null. */
function fieldError(html, field) {
	const m = new RegExp(`<p[^>]*\\bid="e-${field}"[^>]*>([\\s\\S]*?)</p>`).exec(html);
	return m ? textOf(m[1]).replace(/\s+/g, ' ').trim() : null;
}

const day = (d) => d.toISOString().slice(0, 10);
function addDays(s, n) {
	const d = new Date(`${s}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return day(d);
}
function addMonths(s, n) {
	const [y, m, dd] = s.split('-').map(Number);
	const t = new Date(Date.UTC(y, m - 1 + n, 1, 12));
	const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0, 12)).getUTCDate();
	t.setUTCDate(Math.min(dd, last));
	return day(t);
}
/** Today in Stockholm, as the worker sees it. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/**
 * A stack of its own for the enclosing describe() block: the clients of
 * the demo users, Eva Ek's customer id and Steget Vidare's organisation
 * id.  Returns { stack, anna, bo, karin, kalle, lena, eva, steget },
 * filled before the block's tests.
 */
function ownStack(name) {
	const own = {};
	before(async () => {
		own.stack = await startStack(name);
		[own.anna, own.bo, own.karin, own.kalle, own.lena] = ['anna', 'bo', 'karin', 'kalle', 'lena']
			.map((u) => client(own.stack, u));
		own.eva = await sql(own.stack.dir, "SELECT id FROM customers WHERE name = 'Eva Ek'");
		own.steget = await sql(own.stack.dir, "SELECT id FROM organisations WHERE name = 'Steget Vidare'");
	});
	after(async () => {
		await own.stack?.stop();
	});
	return own;
}

/** The last test of a block: no page its stack served (more than least) repeats an element id. */
function itNeverRepeatsAnElementId(own, least) {
	it('never repeats an element id on a page it served', () => {
	const pages = own.stack.responses.filter((r) => r.type.startsWith('text/html'));
	assert.ok(pages.length > least, `pages to look at (${pages.length})`);
	for (const r of pages) {
		const ids = [...r.text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
		const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
		assert.deepEqual(dup, [], `${r.method} ${r.url} as ${r.user} (${r.status})`);
	}
	});
}

describe('a queued case goes through staffing, assignment, start meeting, follow-ups and the ending decision, each step by its own party', { timeout: 180000 }, () => {
	const own = ownStack('integration-caseflow');
	let stack; let anna; let bo; let karin; let kalle; let lena; let eva; let steget;
	before(() => ({ stack, anna, bo, karin, kalle, lena, eva, steget } = own));
	let pid;

	it('offers the counsellor the queue form, and only the counsellor', async () => {
		const page = await karin.get('/placements/new');
		status(page, 200, 'karin: queue form');
		const form = parseForm(page.text, '/placements');
		assert.ok(form, 'a form posting to /placements');
		for (const f of ['customer', 'provider', 'code', 'start', 'end'])
			assert.ok(form.has(f), `field ${f}`);
		has(page.text, 'Eva Ek', 'her own customers');
		assert.ok(!textOf(page.text).includes('Sara Nilsson'), "not kalle's customers");
		status(await anna.get('/placements/new'), 403, 'a provider');
		status(await lena.get('/placements/new'), 403, 'the team lead');
		const start = await karin.get('/');
		assert.ok(start.text.includes('href="/placements/new"'), 'the start page links the form');
	});

	it('refuses an end past the max length (422) and keeps what was typed', async () => {
		const form = parseForm((await karin.get('/placements/new')).text, '/placements');
		form.set('customer', eva).set('provider', steget).set('code', 'FAI1')
			.set('start', today()).set('end', addMonths(today(), 4));
		const res = await karin.postForm('/placements', form);
		status(res, 422, 'end 4 months after start for FAI1 (3 months)');
		assert.match(fieldError(res.text, 'end') ?? '', /högst 3 månader/, 'the message at the end field');
		const again = parseForm(res.text, '/placements');
		assert.equal(again.get('end'), addMonths(today(), 4), 'the typed end is kept');
		assert.equal(again.get('code'), 'FAI1', 'the chosen code is kept');
		const other = await sql(stack.dir,
			`SELECT id FROM customers WHERE name = 'Sara Nilsson'`);
		form.set('customer', other).set('end', '');
		const res2 = await karin.postForm('/placements', form);
		status(res2, 422, "another counsellor's customer");
		assert.ok(fieldError(res2.text, 'customer'), 'the message at the customer field');
	});

	it('queues the customer; the provider sees the staffing due the next working day', async () => {
		const form = parseForm((await karin.get('/placements/new')).text, '/placements');
		form.set('customer', eva).set('provider', steget).set('code', 'FAI1').set('start', today())
			.set('end', '');
		const res = await karin.postForm('/placements', form);
		status(res, 303, 'queue');
		const m = /^\/placements\/(\d+)\?m=queued$/.exec(res.location ?? '');
		assert.ok(m, `redirect to the new placement: ${res.location}`);
		pid = m[1];
		assert.equal(await sql(stack.dir, `SELECT end_date || ' ' || planned_end_date FROM placements WHERE id = ${pid}`),
			`${addMonths(today(), 3)} ${addMonths(today(), 3)}`, 'no end given: the max length');
		const page = await karin.get(res.location);
		has(page.text, 'Kunden är ställd i kö', 'the flash');
		const bostart = await bo.get('/');
		const row = rowOf(bostart.text, `/placements/${pid}"`);
		assert.ok(row, `bo's start page lists the new case: ${textOf(bostart.text).slice(0, 600)}`);
		has(row, 'Bemanna ärendet', 'the step');
		assert.ok(/\d{4}-\d{2}-\d{2}/.test(textOf(row)), 'with its due date');
		status(await anna.get(`/placements/${pid}`), 404, 'another provider');
		status(await kalle.get(`/placements/${pid}`), 404, 'another counsellor');
	});

	it('takes no assignment before the staffing (409), nor a step from the wrong party (403)', async () => {
		const page = await karin.get(`/placements/${pid}`);
		const csrf = csrfOf(page.text);
		const early = await karin.postForm(`/placements/${pid}/assign`,
			{ csrf, assignment: 'x', extent: 'fulltime', future_plan: 'y' });
		status(early, 409, 'assign before staffing');
		status(await karin.postForm(`/placements/${pid}/staff`, { csrf, staff_name: 'X' }), 403,
			'the counsellor cannot staff');
		status(await bo.postForm(`/placements/${pid}/staff`, { staff_name: 'X' }), 403,
			'no csrf token');
	});

	it('staffs the case: an empty name is refused, then the counsellor has an assignment to attach', async () => {
		const page = await bo.get(`/placements/${pid}`);
		const form = parseForm(page.text, `/placements/${pid}/staff`);
		assert.ok(form, 'bo has the staffing form');
		const bad = await bo.postForm(`/placements/${pid}/staff`, form.set('staff_name', '  '));
		status(bad, 422, 'empty staff name');
		assert.ok(fieldError(bad.text, 'staff_name'), 'the message at the field');
		const ok = await bo.postForm(`/placements/${pid}/staff`, form.set('staff_name', 'Bertil Jobbexpert'));
		status(ok, 303, 'staff');
		const view = await bo.get(ok.location);
		has(view.text, 'Bertil Jobbexpert', 'the staff member on the page');
		const kstart = await karin.get('/');
		const row = rowOf(kstart.text, `/placements/${pid}"`);
		assert.ok(row, "karin's start page lists the case");
		has(row, 'Lägg in uppdrag', 'the step');
	});

	it('attaches the assignment: part time needs the reason (422, text kept), then it is stored', async () => {
		const page = await karin.get(`/placements/${pid}`);
		const form = parseForm(page.text, `/placements/${pid}/assign`);
		assert.ok(form, 'karin has the assignment form');
		form.set('assignment', 'Arbetsprövning i butik, fokus på uthållighet.')
			.set('extent', 'parttime').set('part_time_reason', '')
			.set('future_plan', 'Arbete inom handel.');
		const bad = await karin.postForm(`/placements/${pid}/assign`, form);
		status(bad, 422, 'part time without a reason');
		assert.ok(fieldError(bad.text, 'part_time_reason'), 'the message at the reason');
		const again = parseForm(bad.text, `/placements/${pid}/assign`);
		assert.equal(again.get('assignment'), 'Arbetsprövning i butik, fokus på uthållighet.', 'text kept');
		assert.equal(again.get('extent'), 'parttime', 'choice kept');
		form.set('part_time_reason', 'Halvtid första månaden på grund av hälsoskäl.');
		status(await karin.postForm(`/placements/${pid}/assign`, form), 303, 'assign');
		const view = await bo.get(`/placements/${pid}`);
		has(view.text, 'Arbetsprövning i butik', 'the provider sees the assignment');
		has(view.text, 'Halvtid första månaden', 'and the reason');
	});

	it('records the start meeting, and the plan form shows the assignment it must follow', async () => {
		const page = await bo.get(`/placements/${pid}`);
		const form = parseForm(page.text, `/placements/${pid}/start-meeting`);
		assert.ok(form, 'bo has the start-meeting form');
		status(await bo.postForm(`/placements/${pid}/start-meeting`, form.set('meeting_on', 'igår')), 422,
			'a malformed date');
		status(await bo.postForm(`/placements/${pid}/start-meeting`, form.set('meeting_on', today())), 303,
			'meeting');
		const plan = await bo.get(`/documents/new?placement=${pid}&kind=plan`);
		status(plan, 200, 'new plan form');
		has(plan.text, 'Uppdraget som planen ska följa', 'the assignment box');
		has(plan.text, 'Halvtid första månaden på grund av hälsoskäl.', 'the reason from the counsellor');
		const f = parseForm(plan.text, '/documents');
		assert.ok(!f.has('scope/parttimeReason'), 'the reason is not typed anew');
		assert.equal(f.get('scope/extent'), 'parttime', 'the extent comes from the assignment');
	});

	it('books follow-up meetings from either side; the counsellor records the outcome once', async () => {
		const page = await bo.get(`/placements/${pid}`);
		const book = parseForm(page.text, `/placements/${pid}/follow-ups`);
		assert.ok(book, 'bo may book a follow-up');
		status(await bo.postForm(`/placements/${pid}/follow-ups`, book.set('follow_up_on', '2026-02-30')), 422,
			'an impossible date');
		status(await bo.postForm(`/placements/${pid}/follow-ups`,
			book.set('follow_up_on', today()).set('note', 'Progression och planens mål.')), 303, 'bo books');
		const kpage = await karin.get(`/placements/${pid}`);
		const kbook = parseForm(kpage.text, `/placements/${pid}/follow-ups`);
		status(await karin.postForm(`/placements/${pid}/follow-ups`, kbook.set('follow_up_on', addDays(today(), 14))),
			303, 'karin books a later one');
		const ids = (await sql(stack.dir,
			`SELECT id FROM follow_ups WHERE placement_id = ${pid} ORDER BY meeting_on`)).split('\n');
		assert.equal(ids.length, 2, 'two meetings');
		const view = await karin.get(`/placements/${pid}`);
		has(view.text, 'Progression och planens mål.', 'the note on the page');
		const out = parseForm(view.text, `/follow-ups/${ids[0]}/outcome`);
		assert.ok(out, 'karin has the outcome form of the held meeting');
		assert.equal(parseForm(view.text, `/follow-ups/${ids[1]}/outcome`), null, 'none for a future meeting');
		status(await karin.postForm(`/follow-ups/${ids[1]}/outcome`, out.set('outcome', 'x')), 409,
			'no outcome before the meeting');
		status(await bo.postForm(`/follow-ups/${ids[0]}/outcome`,
			{ csrf: csrfOf(page.text), outcome: 'x' }), 403, 'the provider does not record the outcome');
		status(await kalle.postForm(`/follow-ups/${ids[0]}/outcome`,
			{ csrf: csrfOf((await kalle.get('/placements/new')).text), outcome: 'x' }), 404,
			'another counsellor');
		const bad = await karin.postForm(`/follow-ups/${ids[0]}/outcome`, out.set('outcome', ''));
		status(bad, 422, 'an empty outcome');
		out.set('outcome', 'Målen ändras: praktik i lager i stället för butik.').set('revise_plan', '1');
		status(await karin.postForm(`/follow-ups/${ids[0]}/outcome`, out), 303, 'outcome');
		assert.notEqual(await sql(stack.dir,
			`SELECT coalesce(revision_requested_at, '') FROM placements WHERE id = ${pid}`), '',
		'the plan revision is asked for');
		status(await karin.postForm(`/follow-ups/${ids[0]}/outcome`, out), 409, 'a second outcome');
		const after = await bo.get(`/placements/${pid}`);
		has(after.text, 'Genomförandeplanen ska revideras.', 'the provider sees it');
	});

	it('records the ending decision: completed must be on the planned end, early before it', async () => {
		const page = await karin.get(`/placements/${pid}`);
		const boCsrf = csrfOf((await bo.get(`/placements/${pid}`)).text);
		const form = parseForm(page.text, `/placements/${pid}/end`);
		assert.ok(form, 'karin has the ending form');
		const planned = addMonths(today(), 3);
		form.set('ending', 'completed').set('decided_on', today()).set('end_date', addDays(planned, -1));
		const bad = await karin.postForm(`/placements/${pid}/end`, form);
		status(bad, 422, 'completed before the planned end');
		assert.match(fieldError(bad.text, 'end_date') ?? '', /planerade slutdatumet/, 'the message');
		form.set('ending', 'early').set('decided_on', addDays(today(), 1)).set('end_date', addDays(today(), 20));
		status(await karin.postForm(`/placements/${pid}/end`, form), 422, 'a decision dated tomorrow');
		status(await bo.postForm(`/placements/${pid}/end`, { csrf: boCsrf, ending: 'early' }), 403,
			'the provider cannot end');
		form.set('decided_on', today());
		status(await karin.postForm(`/placements/${pid}/end`, form), 303, 'early ending');
		assert.equal(await sql(stack.dir,
			`SELECT ending || ' ' || end_date || ' ' || planned_end_date FROM placements WHERE id = ${pid}`),
		`early ${addDays(today(), 20)} ${planned}`, 'the actual end is in force; the planned end stays');
		const view = await bo.get(`/placements/${pid}`);
		has(view.text, 'Avslutad i förtid', 'the provider sees the decision');
		status(await karin.postForm(`/placements/${pid}/end`, form), 409, 'a second decision');
		assert.ok(!view.text.includes(`/placements/${pid}/staff"`), 'no staffing form after the ending');
		status(await bo.postForm(`/placements/${pid}/staff`, { csrf: boCsrf, staff_name: 'Ny' }), 409,
			'no step after the ending');
	});

	it('takes no extension of the ended placement (409)', async () => {
		// lena's token as the worker computes it (auth.c): her pages of this placement offer no form.
		const secret = await sql(stack.dir, "SELECT value FROM settings WHERE key = 'csrf_secret'");
		const ext = { csrf: createHmac('sha256', secret).update('csrf:lena').digest('hex'), reason: 'Nära målet.' };
		status(await lena.postForm(`/placements/${pid}/extend`, ext), 409, 'not an ended placement');
	});

	it('audits every step with who took it, in order', async () => {
		const rows = await sql(stack.dir, `SELECT e.action || ':' || u.login FROM events e
			JOIN users u ON u.id = e.actor_id WHERE e.placement_id = ${pid} AND e.document_id IS NULL
			ORDER BY e.id`);
		assert.deepEqual(rows.split('\n'),
			['queue:karin', 'staff:bo', 'assign:karin', 'start-meeting:bo', 'follow-up:bo',
				'follow-up:karin', 'follow-up-outcome:karin', 'request-revision:karin', 'end:karin']);
		const page = await karin.get(`/placements/${pid}`);
		has(page.text, 'Bemannade ärendet', 'the history on the page');
	});

	itNeverRepeatsAnElementId(own, 20);
});

describe('the team lead extends a placement near its max length, a month at a time, twice at most', { timeout: 180000 }, () => {
	const own = ownStack('integration-caseflow-extension');
	let stack; let anna; let bo; let karin; let kalle; let lena; let eva; let steget;
	before(() => ({ stack, anna, bo, karin, kalle, lena, eva, steget } = own));
	let lateId;

	it('lets the team lead extend a placement near its max, a month at a time, twice at most', async () => {
		// A FAI1 placement that started 2 months and 10 days ago.
		const start = addDays(addMonths(today(), -2), -10);
		const form = parseForm((await karin.get('/placements/new')).text, '/placements');
		form.set('customer', eva).set('provider', steget).set('code', 'FAI1').set('start', start).set('end', '');
		const q = await karin.postForm('/placements', form);
		status(q, 303, 'queue the older placement');
		lateId = /\/placements\/(\d+)/.exec(q.location)[1];
		const lstart = await lena.get('/');
		const row = rowOf(lstart.text, `/placements/${lateId}"`);
		assert.ok(row, `the lead's start page lists it: ${textOf(lstart.text).slice(0, 500)}`);
		has(row, addMonths(start, 3), 'with its max end');
		const page = await lena.get(`/placements/${lateId}`);
		const ext = parseForm(page.text, `/placements/${lateId}/extend`);
		assert.ok(ext, 'lena has the extension form');
		status(await lena.postForm(`/placements/${lateId}/extend`, ext.set('reason', '')), 422, 'no reason');
		status(await karin.postForm(`/placements/${lateId}/extend`, ext.set('reason', 'Nära målet.')), 403,
			'a counsellor cannot extend');
		status(await lena.postForm(`/placements/${lateId}/extend`, ext), 303, 'first extension');
		assert.equal(await sql(stack.dir, `SELECT extension_months || ' ' || end_date FROM placements WHERE id = ${lateId}`),
			`1 ${addMonths(start, 4)}`, 'one month more');
		status(await lena.postForm(`/placements/${lateId}/extend`, ext), 409,
			'the next one only within a month of the new max');
	});

	itNeverRepeatsAnElementId(own, 2);
});

describe('a placement without an end date is held to its max length too', { timeout: 180000 }, () => {
	const own = ownStack('integration-caseflow-open-ended');
	let stack; let anna; let bo; let karin; let kalle; let lena; let eva; let steget;
	before(() => ({ stack, anna, bo, karin, kalle, lena, eva, steget } = own));

	it('holds the max length for a placement without an end date too', async () => {
		// Registered from the command line, open-ended, FAI1 (3 months) from 4 months ago.
		const conf = ['--db', join(stack.dir, 'insats.db'), '--config', join(stack.dir, 'insats.conf')];
		const start = addMonths(today(), -4);
		const pnrEva = await sql(stack.dir, `SELECT pnr FROM customers WHERE id = ${eva}`);
		const { stdout } = await run(BIN, ['placement', 'add', '--customer', pnrEva, '--code', 'FAI1',
			'--provider', 'Framtid AB', '--start', start, ...conf], { env: { ...process.env, CI: '' } });
		const open = stdout.trim().match(/\d+/)[0];
		const month = today().slice(0, 7);
		const res = await anna.get(`/documents/new?placement=${open}&kind=monthly&period=${month}`);
		status(res, 422, 'a monthly report for a month after the max end');
		has(res.text, 'maxtid', 'the reason');
		const inTime = await anna.get(`/documents/new?placement=${open}&kind=monthly&period=${start.slice(0, 7)}`);
		assert.ok(inTime.status === 200 || inTime.status === 303, `the first month: ${describeRes(inTime)}`);
		const page = await anna.get(`/placements/${open}`);
		has(page.text, 'maxtiden har passerats', 'the placement page says so');
		const lstart = await lena.get('/');
		const row = rowOf(lstart.text, `/placements/${open}"`);
		assert.ok(row, "on the lead's list");
		has(row, 'passerad', 'past its max');
	});

	itNeverRepeatsAnElementId(own, 1);
});

describe('a customer who did not choose is queued at the default provider of the two-week period', { timeout: 180000 }, () => {
	const own = ownStack('integration-caseflow-default');
	let stack; let anna; let bo; let karin; let kalle; let lena; let eva; let steget;
	before(() => ({ stack, anna, bo, karin, kalle, lena, eva, steget } = own));

	it('queues a customer who did not choose at the default provider of the two-week period', async () => {
		// ISO week of today (Stockholm), computed here on its own.
		const [y, m, d] = today().split('-').map(Number);
		const t = new Date(Date.UTC(y, m - 1, d));
		const dow = (t.getUTCDay() + 6) % 7;
		t.setUTCDate(t.getUTCDate() - dow + 3);
		const week1 = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
		const week = 1 + Math.round(((t - week1) / 86400000 - 3 + ((week1.getUTCDay() + 6) % 7)) / 7);
		// The demo authorised Framtid AB before Steget Vidare for every kundval.
		const expected = Math.floor((week - 1) / 2) % 2 === 0 ? 'Framtid AB' : 'Steget Vidare';
		const page = await karin.get('/placements/new');
		has(page.text, 'Förvalsanordnare', 'the list of today\'s defaults');
		const form = parseForm(page.text, '/placements');
		form.set('customer', eva).set('provider', '').set('code', 'AMI1').set('start', today()).set('end', '')
			.set('default_provider', '1');
		const res = await karin.postForm('/placements', form);
		status(res, 303, 'queue at the default provider');
		const id = /\/placements\/(\d+)/.exec(res.location)[1];
		assert.equal(await sql(stack.dir, `SELECT o.name FROM placements p JOIN organisations o
			ON o.id = p.provider_id WHERE p.id = ${id}`), expected, `week ${week}`);
		assert.equal(await sql(stack.dir, `SELECT comment FROM events WHERE placement_id = ${id}
			AND action = 'queue'`), 'default-provider', 'the queue event says so');
		const none = await karin.postForm('/placements', form.set('default_provider', '').set('provider', ''));
		status(none, 422, 'neither a choice nor the default');
	});

	itNeverRepeatsAnElementId(own, 0);
});
