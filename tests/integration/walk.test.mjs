// Issue 12 end to end through nginx: one placement's whole life, each step
// by the party whose step it is, and the money it ends in.  karin queues
// Eva Ek at Steget Vidare (AMI1, from the first of the month two months
// back), bo staffs the case, karin attaches the assignment, bo records the
// start meeting and writes the plan, karin approves it; bo reports both
// whole months, karin approves them; karin decides an early end on the
// last day of last month, recorded now; this month can no longer be
// reported; bo's final report, due two weeks from the decision, is paid
// while those two weeks last (on a later day of the month it is refused,
// and that is checked instead); and the payment run that today's
// submissions fall in pays each month once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	startStack, client, parseForm, textOf, describeRes, csrfOf, sql, fixture,
} from './lib.mjs';

function status(res, expected, what) {
	assert.equal(res.status, expected, `${what}: expected ${expected}, got ${describeRes(res)}`);
}
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const ym = (y, m) => `${y}-${String(m).padStart(2, '0')}`;
/** "YYYY-MM" n months from today's month. */
function month(n) {
	const [y, m] = today().split('-').map(Number);
	const t = new Date(Date.UTC(y, m - 1 + n, 1));
	return ym(t.getUTCFullYear(), t.getUTCMonth() + 1);
}
function addDays(s, n) {
	const d = new Date(`${s}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}
const lastDay = (p) => {
	const [y, m] = p.split('-').map(Number);
	return `${p}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

describe('a placement goes from the queue to payment, each step taken by its own party', { timeout: 180000 }, () => {
	let stack; let bo; let karin; let admin;
	let pid; const docs = {};
	const start = `${month(-2)}-01`;
	const end = lastDay(month(-1));
	// Decided on the end day: the final report is due, and paid, until
	// two weeks later, and may not come in after that.
	const finalInTime = today() <= addDays(end, 14);

	/** Saves a new document of kind from its form (fields set), then submits it as bo. */
	async function submitted(kind, fields, period = '') {
		const url = `/documents/new?placement=${pid}&kind=${kind}${period ? `&period=${period}` : ''}`;
		const page = await bo.get(url);
		status(page, 200, `new ${kind} ${period}`);
		const form = parseForm(page.text, '/documents');
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		const saved = await bo.postForm('/documents', form.press('_action', 'save'));
		status(saved, 303, `save ${kind} ${period}`);
		const id = /^\/documents\/(\d+)/.exec(saved.location)[1];
		status(await bo.action(id, 'submit', (await bo.get(`/documents/${id}`)).text), 303, `submit ${kind}`);
		return id;
	}
	const approve = async (id) =>
		status(await karin.action(id, 'approve', (await karin.get(`/documents/${id}`)).text), 303, `approve ${id}`);

	before(async () => {
		stack = await startStack('integration-walk');
		[bo, karin, admin] = ['bo', 'karin', 'admin'].map((u) => client(stack, u));
	});
	after(async () => { await stack?.stop(); });

	it('queue, staffing, assignment, start meeting', async () => {
		const form = parseForm((await karin.get('/placements/new')).text, '/placements');
		form.set('customer', await sql(stack.dir, "SELECT id FROM customers WHERE name = 'Eva Ek'"))
			.set('provider', await sql(stack.dir, "SELECT id FROM organisations WHERE name = 'Steget Vidare'"))
			.set('code', 'AMI1').set('start', start).set('end', '');
		const q = await karin.postForm('/placements', form);
		status(q, 303, 'queue');
		pid = /\/placements\/(\d+)/.exec(q.location)[1];
		const bpage = await bo.get(`/placements/${pid}`);
		status(await bo.postForm(`/placements/${pid}/staff`, { csrf: csrfOf(bpage.text), staff_name: 'Bertil' }),
			303, 'staff');
		const kpage = await karin.get(`/placements/${pid}`);
		status(await karin.postForm(`/placements/${pid}/assign`, { csrf: csrfOf(kpage.text),
			assignment: 'Vägledning mot lager och logistik.', extent: 'fulltime',
			future_plan: 'Anställning inom logistik.' }), 303, 'assign');
		status(await bo.postForm(`/placements/${pid}/start-meeting`, { csrf: csrfOf(bpage.text),
			meeting_on: start }), 303, 'start meeting');
	});

	it('the plan: written by bo, approved by karin', async () => {
		const body = await fixture('tests/data/plan-valid.xml');
		const res = await bo.request('POST', `/documents?placement=${pid}&kind=plan`,
			{ body, headers: { 'Content-Type': 'application/xml' } });
		status(res, 303, 'plan by XML');
		docs.plan = /^\/documents\/(\d+)/.exec(res.location)[1];
		status(await bo.action(docs.plan, 'submit', (await bo.get(`/documents/${docs.plan}`)).text), 303,
			'submit the plan');
		await approve(docs.plan);
	});

	it('monthly reports of both whole months, approved', async () => {
		for (const p of [month(-2), month(-1)]) {
			docs[p] = await submitted('monthly', {
				'progression/text': 'Kunden följer planen.',
				'adjustments/applicable': 'no', 'adjustments/text': 'Planen gäller oförändrad.',
				'absences/applicable': 'no', 'absences/text': 'Ingen frånvaro.',
				'deviations/applicable': 'no', 'deviations/text': 'Inga avvikelser.',
				'otherPlacement/applicable': 'no', 'otherPlacement/text': 'Inget behov.',
			}, p);
			await approve(docs[p]);
		}
	});

	it('the ending decision: early, on the last day of last month; this month cannot be reported', async () => {
		const page = await karin.get(`/placements/${pid}`);
		const form = parseForm(page.text, `/placements/${pid}/end`);
		form.set('ending', 'early').set('decided_on', end).set('end_date', end);
		status(await karin.postForm(`/placements/${pid}/end`, form), 303, 'ending decision');
		const res = await bo.get(`/documents/new?placement=${pid}&kind=monthly&period=${month(0)}`);
		status(res, 422, 'a month after the actual end');
	});

	it('the final report: its form follows the decision, and it is paid', async () => {
		const page = await bo.get(`/documents/new?placement=${pid}&kind=final`);
		const form = parseForm(page.text, '/documents');
		form.set('ending', 'early').set('decisionDate', end).set('endDate', end)
			.set('outcome', 'work').set('selfSupporting', 'yes').set('goalReached', 'yes')
			.set('summary', 'Kunden har fått en anställning inom logistik.');
		const saved = await bo.postForm('/documents', form.press('_action', 'save'));
		status(saved, 303, 'save the final report');
		docs.final = /^\/documents\/(\d+)/.exec(saved.location)[1];
		const sub = await bo.action(docs.final, 'submit', (await bo.get(`/documents/${docs.final}`)).text);
		if (!finalInTime) {
			status(sub, 409, `submitted after ${addDays(end, 14)}: refused`);
			assert.match(textOf(sub.text), /kan inte längre klarmarkeras/);
			return;
		}
		status(sub, 303, 'submit the final report: due two weeks from the decision');
		await approve(docs.final);
		const view = textOf((await karin.get(`/documents/${docs.final}`)).text).replace(/\s+/g, ' ');
		assert.ok(!/utan ersättning|ersätts inte/.test(view), `paid: ${view.slice(0, 600)}`);
	});

	it('pays each month once, in the run today\'s submissions fall in', async () => {
		// Everything was first submitted today: the run of this month once
		// its cut-off (the 7th) has passed, else last month's run.
		const day = Number(today().slice(8));
		const run = day <= 7 ? month(-1) : month(0);
		const amount = Number(await sql(stack.dir, `SELECT monthly_amount_ore FROM catalogue_amounts
			WHERE code = 'AMI1' AND valid_from <= '${start}' ORDER BY valid_from DESC LIMIT 1`));
		const kr = (ore) => (ore / 100).toFixed(2);
		const rowsOf = async (r) => (await karin.get(`/payments?month=${r}`)).text.split('\r\n').slice(1, -1)
			.filter((l) => l.split(',')[1] === pid).map((l) => l.split(',').slice(3, 8).join(','));
		const rows = await rowsOf(run);
		// The end month needs the final report: at 0 when it was refused.
		const last = finalInTime ? kr(amount) : '0.00';
		assert.deepEqual(rows.sort(), [
			`${month(-2)},månadsrapport,${lastDay(month(-2)).slice(8)},${kr(amount)},ja`,
			`${month(-1)},månadsrapport,${end.slice(8)},${last},${run === month(-1) ? 'nej' : 'ja'}`,
		].sort(), `run ${run}`);
		for (const other of [month(-2), month(-1), month(0), month(1)].filter((r) => r !== run))
			assert.deepEqual(await rowsOf(other), [], `nothing in run ${other}`);
		const adm = await admin.get(`/payments?month=${run}`);
		assert.ok(adm.text.includes(`,${pid},`), 'the admin\'s CSV has the rows too');
	});
});
