// Issue 13 through nginx: the messages between the provider's staff and the
// responsible counsellor on a placement (bo of Steget Vidare and kalle on
// Ahmed Hassan's AMI2), with unread counts on both start pages that go
// down once read, the unexcused-absence message with its dates, contact
// attempts and due/late day, refusals (422) that keep what was typed,
// CSRF, and 404 for everyone else; then personal-data incidents: who sees a
// report, the 72-hour line, the provider's own placements only, and no
// personal data but what was typed.  Each describe() block has a stack of
// its own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
	startStack, client, parseForm, rowOf, textOf, decode, describeRes, csrfOf, sql,
} from './lib.mjs';

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
/** The number in the start page's "N olästa meddelanden" heading. */
function unread(html) {
	const m = /<h2 id="h-unread">\s*(\d+) oläs/.exec(html);
	assert.ok(m, `an unread heading: ${textOf(html).slice(0, 400)}`);
	return Number(m[1]);
}
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
/** The next Monday–Friday after s (no holiday falls on the dates used). */
function nextWeekday(s) {
	const d = new Date(`${s}T12:00:00Z`);
	do d.setUTCDate(d.getUTCDate() + 1); while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
	return d.toISOString().slice(0, 10);
}
/** Local "YYYY-MM-DD" and "HH:MM" in Stockholm of a moment. */
function localParts(t) {
	const f = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric',
		month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
	return [`${p.year}-${p.month}-${p.day}`, `${p.hour}:${p.minute}`];
}

/**
 * A stack of its own for the enclosing describe() block: clients of the
 * demo users (u), Ahmed Hassan's placement (pid, from pStart), Eva Ek's
 * and Lina Berg's placements and the CSRF secret, filled before the
 * block's tests.
 */
function ownStack(name) {
	const own = { u: {} };
	before(async () => {
		const stack = own.stack = await startStack(name);
		for (const n of ['anna', 'bo', 'karin', 'kalle', 'lena', 'arkiv', 'admin']) own.u[n] = client(stack, n);
		const row = (await sql(stack.dir, "SELECT p.id || '|' || p.start_date FROM placements p JOIN customers c ON c.id = p.customer_id WHERE c.name = 'Ahmed Hassan'")).split('|');
		[own.pid, own.pStart] = row;
		own.evaP = await sql(stack.dir, "SELECT p.id FROM placements p JOIN customers c ON c.id = p.customer_id WHERE c.name = 'Eva Ek'");
		own.secret = await sql(stack.dir, "SELECT value FROM settings WHERE key = 'csrf_secret'");
		own.linaP = await sql(stack.dir, "SELECT p.id FROM placements p JOIN customers c ON c.id = p.customer_id WHERE c.name = 'Lina Berg'");
	});
	after(async () => {
		await own.stack?.stop();
	});
	return own;
}

describe("a placement's messages are shown to the owner, the counsellor and the team lead, and written only with the writer's own token", { timeout: 180000 }, () => {
	const own = ownStack('integration-messages');
	let stack; let u; let pid; let pStart; let evaP; let linaP; let secret;
	before(() => ({ stack, u, pid, pStart, evaP, linaP, secret } = own));
	/** The user's CSRF token, as the worker computes it (auth.c). */
	const tokenOf = (login) => createHmac('sha256', secret).update(`csrf:${login}`).digest('hex');
	const path = () => `/placements/${pid}/messages`;

	it('shows the thread to the owner, the counsellor and the team lead; 404 to everyone else', async () => {
		for (const n of ['bo', 'kalle', 'lena']) status(await u[n].get(path()), 200, n);
		for (const n of ['anna', 'karin', 'arkiv', 'admin']) status(await u[n].get(path()), 404, n);
		const page = await u.bo.get(path());
		has(page.text, 'Inga meddelanden ännu', 'empty thread');
		const form = parseForm(page.text, path());
		assert.ok(form, 'bo has the form');
		for (const f of ['kind', 'text', 'absence_from', 'absence_to', 'contact_attempts'])
			assert.ok(form.has(f), `field ${f}`);
		const lead = await u.lena.get(path());
		assert.equal(parseForm(lead.text, path()), null, 'the team lead reads only');
		const pl = await u.bo.get(`/placements/${pid}`);
		assert.ok(pl.text.includes(`href="${path()}"`), 'the placement page links the messages');
	});

	it('refuses a message without a CSRF token, with another user\'s, and from another organisation', async () => {
		const tok = csrfOf((await u.bo.get(path())).text);
		status(await u.bo.postForm(path(), { kind: 'other', text: 'Utan token.' }), 403, 'no token');
		status(await u.kalle.postForm(path(), { csrf: tok, kind: 'other', text: 'Med bos token.' }), 403, "bo's token");
		status(await u.bo.postForm(path(), { csrf: tok, kind: 'other', text: 'Fel ursprung.' },
			{ headers: { Origin: 'http://evil.example' } }), 403, 'cross-site');
		status(await u.anna.postForm(path(), { csrf: tokenOf('anna'), kind: 'other', text: 'Annan org.' }), 404, 'anna');
		status(await u.karin.postForm(path(), { csrf: tokenOf('karin'), kind: 'other', text: 'Ej ansvarig.' }), 404, 'karin');
		status(await u.lena.postForm(path(), { csrf: tokenOf('lena'), kind: 'other', text: 'Arbetsledaren.' }), 403, 'lena');
		assert.equal(await sql(stack.dir, 'SELECT count(*) FROM messages'), '0', 'nothing stored');
	});
});

describe('a message that breaks a rule is refused (422), keeping everything typed', { timeout: 180000 }, () => {
	const own = ownStack('integration-messages-refused');
	let stack; let u; let pid; let pStart; let evaP; let linaP; let secret;
	before(() => ({ stack, u, pid, pStart, evaP, linaP, secret } = own));
	/** The user's CSRF token, as the worker computes it (auth.c). */
	const tokenOf = (login) => createHmac('sha256', secret).update(`csrf:${login}`).digest('hex');
	const path = () => `/placements/${pid}/messages`;

	it('refuses an absence message without its required fields (422) and keeps everything typed', async () => {
		const form = parseForm((await u.bo.get(path())).text, path());
		const typed = 'Ahmed kom inte till arbetsplatsen och svarade inte.';
		form.set('kind', 'absence').set('text', typed).set('absence_from', '2026-13-01')
			.set('absence_to', '').set('contact_attempts', '');
		const res = await u.bo.postForm(path(), form);
		status(res, 422, 'bad date, no contact attempts');
		assert.match(fieldError(res.text, 'absence_from') ?? '', /ÅÅÅÅ-MM-DD/);
		assert.match(fieldError(res.text, 'contact_attempts') ?? '', /försökte nå kunden/);
		const again = parseForm(res.text, path());
		assert.equal(again.get('text'), typed, 'the text is kept');
		assert.equal(again.get('kind'), 'absence', 'the kind is kept');
		assert.equal(again.get('absence_from'), '2026-13-01', 'the bad date is kept');
		assert.match(res.text, /role="alert"/, 'an error summary');
		// Too long (bytes, not characters) and empty.
		const long = await u.bo.postForm(path(), form.set('kind', 'other').set('text', 'å'.repeat(2001)));
		status(long, 422, '4002 bytes');
		assert.match(fieldError(long.text, 'text') ?? '', /för lång/);
		const empty = await u.bo.postForm(path(), form.set('kind', 'other').set('text', '   '));
		status(empty, 422, 'empty');
		assert.match(fieldError(empty.text, 'text') ?? '', /Skriv meddelandet/);
		const unknown = await u.bo.postForm(path(), form.set('kind', 'plan').set('text', 'x'));
		status(unknown, 422, 'unknown kind');
		assert.ok(fieldError(unknown.text, 'kind'), 'the kind field');
		const ahead = await u.bo.postForm(path(), form.set('kind', 'absence').set('text', 'x')
			.set('absence_from', '2099-01-05').set('contact_attempts', 'Ringde.'));
		status(ahead, 422, 'an absence in the future');
		assert.match(fieldError(ahead.text, 'absence_from') ?? '', /senare än i dag/);
		assert.equal(await sql(stack.dir, 'SELECT count(*) FROM messages'), '0', 'nothing stored');
	});
});

describe('messages are stored with their dates and counted unread until read, and the counsellor answers', { timeout: 180000 }, () => {
	const own = ownStack('integration-messages-unread');
	let stack; let u; let pid; let pStart; let evaP; let linaP; let secret;
	before(() => ({ stack, u, pid, pStart, evaP, linaP, secret } = own));
	/** The user's CSRF token, as the worker computes it (auth.c). */
	const tokenOf = (login) => createHmac('sha256', secret).update(`csrf:${login}`).digest('hex');
	const path = () => `/placements/${pid}/messages`;

	it('stores an absence message with its dates and contact attempts; late when sent after the next working day', async () => {
		const tok = csrfOf((await u.bo.get(path())).text);
		const late = await u.bo.postForm(path(), { csrf: tok, kind: 'absence', text: 'Uteblev från praktiken.',
			absence_from: pStart, absence_to: '', contact_attempts: 'Ringde kl 9, 11 och 14, sms kl 15.' });
		status(late, 303, 'absence on the first day');
		assert.equal(late.location, `${path()}?m=sent`);
		const ontime = await u.bo.postForm(path(), { csrf: tok, kind: 'absence', text: 'Uteblev från mötet i dag.',
			absence_from: today(), absence_to: today(), contact_attempts: 'Tre samtal i dag.' });
		status(ontime, 303, 'absence today');
		assert.equal(await sql(stack.dir, `SELECT kind || '|' || absence_from || '|' || absence_to || '|' || contact_attempts FROM messages ORDER BY id LIMIT 1`),
			`absence|${pStart}|${pStart}|Ringde kl 9, 11 och 14, sms kl 15.`);
		const page = await u.bo.get(`${path()}?m=sent`);
		has(page.text, 'Meddelandet är skickat', 'the notice');
		const first = rowOf(page.text, 'Uteblev från praktiken.');
		has(first, nextWeekday(pStart), 'due the next working day');
		if (nextWeekday(pStart) < today()) has(first, 'försenad', 'late');
		const second = rowOf(page.text, 'Uteblev från mötet i dag.');
		assert.ok(!textOf(second).includes('försenad'), 'today is on time');
		has(second, 'Tre samtal i dag.', 'the contact attempts');
		// A message is an entry about the customer: the retention clock follows.
		assert.equal(await sql(stack.dir, `SELECT c.last_entry_at = (SELECT max(at) FROM messages) FROM customers c WHERE c.name = 'Ahmed Hassan'`), '1');
	});

	it('counts the unread messages on the counsellor\'s start page until read; the sender\'s own do not count', async () => {
		assert.equal(unread((await u.kalle.get('/')).text), 2, 'kalle: two new');
		const row = rowOf((await u.kalle.get('/')).text, `href="${path()}"`);
		assert.ok(row, 'the placement is listed');
		has(row, '2 nya', 'with its count');
		assert.equal(unread((await u.bo.get('/')).text), 0, "bo's own messages");
		const thread = await u.kalle.get(path());
		has(thread.text, '2 nya', 'the thread marks them');
		assert.equal(unread((await u.kalle.get('/')).text), 0, 'read once shown');
		const again = await u.kalle.get(path());
		assert.ok(!/badge-submitted">Ny</.test(again.text), 'no longer new');
		// The lead reads without a mark; karin is not concerned.
		status(await u.lena.get(path()), 200, 'lena');
		assert.equal(await sql(stack.dir, 'SELECT count(*) FROM message_reads'), '1', 'only kalle has a mark');
	});

	it('lets the counsellor answer ("other" only) and the provider see it as unread', async () => {
		const page = await u.kalle.get(path());
		const form = parseForm(page.text, path());
		const kinds = [...page.text.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
		assert.deepEqual(kinds, ['other'], 'the counsellor writes "other"');
		const refused = await u.kalle.postForm(path(), form.set('kind', 'absence').set('text', 'Frånvaro?'));
		status(refused, 422, 'a counsellor reporting an absence');
		assert.match(fieldError(refused.text, 'kind') ?? '', /skickas av anordnaren/);
		status(await u.kalle.postForm(path(), form.set('kind', 'other').set('text', 'Tack, jag ringer Ahmed.')), 303, 'answer');
		assert.equal(unread((await u.bo.get('/')).text), 1, 'bo: one new');
		await u.bo.get(path());
		assert.equal(unread((await u.bo.get('/')).text), 0, 'bo read it');
		assert.equal(unread((await u.kalle.get('/')).text), 0, "kalle's own");
	});
});

describe("an incident report is offered to providers only and refused when it names another organisation's placement or a bad time", { timeout: 180000 }, () => {
	const own = ownStack('integration-messages-incident-refused');
	let stack; let u; let pid; let pStart; let evaP; let linaP; let secret;
	before(() => ({ stack, u, pid, pStart, evaP, linaP, secret } = own));
	/** The user's CSRF token, as the worker computes it (auth.c). */
	const tokenOf = (login) => createHmac('sha256', secret).update(`csrf:${login}`).digest('hex');
	const path = () => `/placements/${pid}/messages`;

	it('offers the incident report to providers only', async () => {
		status(await u.bo.get('/incidents/new'), 200, 'bo');
		for (const n of ['kalle', 'lena', 'arkiv', 'admin']) status(await u[n].get('/incidents/new'), 403, n);
		const form = parseForm((await u.bo.get('/incidents/new')).text, '/incidents');
		for (const f of ['what', 'discovered_on', 'discovered_time']) assert.ok(form.has(f), f);
		const page = (await u.bo.get('/incidents/new')).text;
		assert.ok(page.includes(`value="${pid}"`) && page.includes(`value="${linaP}"`), 'own placements');
		assert.ok(!page.includes(`value="${evaP}"`), "not Framtid AB's");
		status(await u.kalle.postForm('/incidents', { csrf: tokenOf('kalle'), what: 'x', discovered_on: today(), discovered_time: '08:00' }), 403, 'kalle posts');
		status(await u.bo.postForm('/incidents', { what: 'x', discovered_on: today(), discovered_time: '08:00' }), 403, 'no token');
	});

	it('refuses a report naming another organisation\'s placement, a bad or future time (422), keeping the text', async () => {
		const tok = csrfOf((await u.bo.get('/incidents/new')).text);
		const what = 'En närvarolista låg kvar i ett mötesrum.';
		const res = await u.bo.postForm('/incidents', [['csrf', tok], ['what', what], ['discovered_on', today()],
			['discovered_time', '25:00'], ['placement', pid], ['placement', evaP]]);
		status(res, 422, 'refused');
		assert.match(fieldError(res.text, 'placement') ?? '', /egna insatser/);
		assert.match(fieldError(res.text, 'discovered_time') ?? '', /TT:MM/);
		const again = parseForm(res.text, '/incidents');
		assert.equal(again.get('what'), what, 'the text is kept');
		assert.ok(again.entries.some(([n, v]) => n === 'placement' && v === pid), 'the choice is kept');
		const [d, hm] = localParts(new Date(Date.now() + 3 * 3600e3));
		const future = await u.bo.postForm('/incidents', { csrf: tok, what, discovered_on: d, discovered_time: hm });
		status(future, 422, 'discovered in three hours');
		assert.match(fieldError(future.text, 'discovered_time') ?? '', /senare än nu/);
		assert.equal(await sql(stack.dir, 'SELECT count(*) FROM incidents'), '0', 'nothing stored');
	});
});

describe('an incident report reaches the counsellors it concerns at once, with the 72-hour line', { timeout: 180000 }, () => {
	const own = ownStack('integration-messages-incident');
	let stack; let u; let pid; let pStart; let evaP; let linaP; let secret;
	before(() => ({ stack, u, pid, pStart, evaP, linaP, secret } = own));
	/** The user's CSRF token, as the worker computes it (auth.c). */
	const tokenOf = (login) => createHmac('sha256', secret).update(`csrf:${login}`).digest('hex');
	const path = () => `/placements/${pid}/messages`;
	let incId;

	it('sends a report naming a customer to that counsellor at once, with the 72-hour line', async () => {
		const tok = csrfOf((await u.bo.get('/incidents/new')).text);
		const what = 'Ett mejl med en närvarolista skickades till fel mottagare.';
		const [d, hm] = localParts(new Date(Date.now() - 4 * 24 * 3600e3));
		const res = await u.bo.postForm('/incidents', [['csrf', tok], ['what', what], ['discovered_on', d],
			['discovered_time', hm], ['placement', pid]]);
		status(res, 303, 'reported');
		incId = /^\/incidents\/(\d+)\?m=reported$/.exec(res.location ?? '')?.[1];
		assert.ok(incId, res.location);
		// Audited: who and when; nothing but what was typed.
		assert.equal(await sql(stack.dir, `SELECT u.login || '|' || i.what || '|' || (i.reported_at > i.discovered_at) FROM incidents i JOIN users u ON u.id = i.reported_by WHERE i.id = ${incId}`),
			`bo|${what}|1`);
		const row = await sql(stack.dir, `SELECT * FROM incidents WHERE id = ${incId}`);
		assert.ok(!/Ahmed|Hassan|19881021/.test(row), `no name or number copied: ${row}`);
		assert.equal(await sql(stack.dir, `SELECT group_concat(u.login) FROM incident_recipients r JOIN users u ON u.id = r.counsellor_id WHERE r.incident_id = ${incId}`), 'kalle');
		const start = await u.kalle.get('/');
		const line = rowOf(start.text, `href="/incidents/${incId}"`);
		assert.ok(line, 'on kalle\'s start page');
		has(line, 'rapporterad efter 72 timmar', 'four days after the discovery: late');
		const view = await u.kalle.get(`/incidents/${incId}`);
		status(view, 200, 'kalle reads it');
		has(view.text, what, 'what happened');
		has(view.text, 'Ahmed Hassan', 'the customer, for the responsible counsellor');
		for (const n of ['bo', 'admin']) status(await u[n].get(`/incidents/${incId}`), 200, n);
		for (const n of ['anna', 'karin', 'lena', 'arkiv']) status(await u[n].get(`/incidents/${incId}`), 404, n);
		assert.ok(!(await u.karin.get('/')).text.includes(`/incidents/${incId}"`), 'not on karin\'s start page');
		assert.ok((await u.admin.get('/')).text.includes(`/incidents/${incId}"`), "on the admin's");
		status(await u.bo.get('/incidents/999999'), 404, 'no such report');
	});

	it('sends a report without named customers to the counsellors of all the provider\'s customers', async () => {
		const tok = csrfOf((await u.bo.get('/incidents/new')).text);
		const [d, hm] = localParts(new Date(Date.now() - 3600e3));
		const res = await u.bo.postForm('/incidents', { csrf: tok, what: 'En dator med kundlistor stals.',
			discovered_on: d, discovered_time: hm });
		status(res, 303, 'reported');
		const id = /^\/incidents\/(\d+)/.exec(res.location ?? '')?.[1];
		assert.equal(await sql(stack.dir, `SELECT group_concat(u.login, ',') FROM (SELECT u.login FROM incident_recipients r JOIN users u ON u.id = r.counsellor_id WHERE r.incident_id = ${id} ORDER BY 1) u`), 'kalle,karin');
		const line = rowOf((await u.karin.get('/')).text, `href="/incidents/${id}"`);
		assert.ok(line, "on karin's start page (Lina Berg is at Steget Vidare)");
		assert.ok(!textOf(line).includes('efter 72 timmar'), 'an hour after: in time');
		has(line, 'ej angivna', 'no customers named');
		const view = await u.karin.get(`/incidents/${id}`);
		has(view.text, 'alla anordnarens kunder', 'says who it went to');
		status(await u.anna.get(`/incidents/${id}`), 404, 'another organisation');
		assert.ok(!(await u.anna.get('/')).text.includes(`/incidents/${id}"`), "not on anna's start page");
	});
});
