// Issue 13, point 3: a provider change with the customer's consent,
// through nginx.  Eva Ek moves from Framtid AB (anna) to Steget Vidare
// (bo): bo sees Eva's current plan only once karin has recorded Eva's
// written consent, and may read but never change it; Framtid AB keeps
// its own placement until 14 days after it ended, and loses it then.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import {
	startStack, client, parseForm, textOf, describeRes, csrfOf, sql, fixture,
} from './lib.mjs';

const run = promisify(execFile);

function status(res, expected, what) {
	assert.equal(res.status, expected, `${what}: expected ${expected}, got ${describeRes(res)}`);
}
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
function addDays(s, n) {
	const d = new Date(`${s}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

describe('after a provider change the new provider reads the plan only once the consent is recorded, and the former keeps its placement 14 days after its end', { timeout: 120000 }, () => {
	let stack; let anna; let bo; let karin;
	let eva; let oldP; let newP; let planId; let boCsrf;

	before(async () => {
		stack = await startStack('integration-providerchange');
		[anna, bo, karin] = ['anna', 'bo', 'karin'].map((u) => client(stack, u));
		eva = await sql(stack.dir, "SELECT id FROM customers WHERE name = 'Eva Ek'");
		oldP = await sql(stack.dir, `SELECT id FROM placements WHERE customer_id = ${eva}`);
		// anna writes the plan at Framtid AB; karin queues Eva at Steget Vidare.
		const body = await fixture('tests/data/plan-valid.xml');
		const res = await anna.request('POST', `/documents?placement=${oldP}&kind=plan`,
			{ body, headers: { 'Content-Type': 'application/xml' } });
		assert.ok(res.status === 303 || res.status === 201, `XML create: ${describeRes(res)}`);
		planId = await sql(stack.dir, `SELECT id FROM documents WHERE placement_id = ${oldP} AND kind = 'plan'`);
		assert.ok(planId, 'the plan exists');
		const form = parseForm((await karin.get('/placements/new')).text, '/placements');
		const steget = await sql(stack.dir, "SELECT id FROM organisations WHERE name = 'Steget Vidare'");
		form.set('customer', eva).set('provider', steget).set('code', 'AMI2').set('start', today()).set('end', '');
		const q = await karin.postForm('/placements', form);
		status(q, 303, 'queue at the new provider');
		newP = /\/placements\/(\d+)/.exec(q.location)[1];
	});
	after(async () => { await stack?.stop(); });

	it('hides the plan from the new provider until the consent is recorded', async () => {
		const page = await bo.get(`/placements/${newP}`);
		status(page, 200, 'bo, new placement');
		boCsrf = csrfOf(page.text);
		assert.match(textOf(page.text), /först när kundens skriftliga samtycke är registrerat/);
		assert.ok(!page.text.includes(`/documents/${planId}"`), 'no link to the plan');
		status(await bo.get(`/documents/${planId}`), 404, 'the plan itself');
		status(await bo.get(`/documents/${planId}?format=xml`), 404, 'nor as XML');
		status(await bo.postForm(`/placements/${newP}/consent`, { csrf: boCsrf, consent_on: today() }), 403,
			'the provider cannot record the consent');
		const kpage = await karin.get(`/placements/${oldP}`);
		assert.equal(parseForm(kpage.text, `/placements/${oldP}/consent`), null,
			'no consent on the former placement itself');
		status(await karin.postForm(`/placements/${oldP}/consent`, { csrf: csrfOf(kpage.text),
			consent_on: today() }), 409, 'no former provider there');
	});

	it('shows the plan, read only, once karin records the written consent', async () => {
		const page = await karin.get(`/placements/${newP}`);
		const form = parseForm(page.text, `/placements/${newP}/consent`);
		assert.ok(form, 'karin has the consent form');
		status(await karin.postForm(`/placements/${newP}/consent`, form.set('consent_on', addDays(today(), 1))),
			422, 'a consent dated tomorrow');
		status(await karin.postForm(`/placements/${newP}/consent`, form.set('consent_on', today())), 303,
			'consent');
		const bpage = await bo.get(`/placements/${newP}`);
		assert.ok(bpage.text.includes(`/documents/${planId}"`), 'the link to the plan');
		const plan = await bo.get(`/documents/${planId}`);
		status(plan, 200, 'bo reads the plan');
		assert.match(textOf(plan.text), /Truckkort A och B/);
		status(await bo.get(`/documents/${planId}/edit`), 403, 'but may not edit it');
		status(await bo.postForm(`/documents/${planId}/submit`, { csrf: boCsrf }), 403, 'nor submit it');
		assert.equal(await sql(stack.dir, `SELECT u.login FROM events e JOIN users u ON u.id = e.actor_id
			WHERE e.placement_id = ${newP} AND e.action = 'consent'`), 'karin', 'the consent is audited');
	});

	it('keeps the former provider its placement until 14 days after the end, not after', async () => {
		status(await anna.get(`/placements/${oldP}`), 200, 'still running');
		const db = join(stack.dir, 'insats.db');
		await run('sqlite3', [db, `UPDATE placements SET end_date = '${addDays(today(), -14)}' WHERE id = ${oldP}`]);
		status(await anna.get(`/placements/${oldP}`), 200, 'the 14th day after the end');
		await run('sqlite3', [db, `UPDATE placements SET end_date = '${addDays(today(), -15)}' WHERE id = ${oldP}`]);
		status(await anna.get(`/placements/${oldP}`), 404, 'the 15th day: gone');
		status(await anna.get(`/documents/${planId}`), 404, 'with what it wrote');
		status(await karin.get(`/documents/${planId}`), 200, 'the counsellor still reads it');
	});
});
