// Issue 12 (points 4-6) through nginx: the payment run.  A monthly report
// first submitted after the cut-off (00:30 on the 8th, Stockholm time) is
// paid in the next month's CSV, marked late, and not in its own month's;
// the month a placement ends in is paid only with a timely final report
// (else its row says 0 and why); an aborted placement is paid two more
// weeks as a "slutrapport" row.  Documents are made, submitted and
// approved through the web; the test then moves the submissions' times
// in the database (sqlite3), as the calendar would have.  Each test has a
// placement of its own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startStack, client, parseForm, describeRes, pnr, REPO } from './lib.mjs';

const run = promisify(execFile);

function status(res, expected, what) {
	assert.equal(res.status, expected, `${what}: expected ${expected}, got ${describeRes(res)}`);
}

describe('a payment run pays each report in the run of its first submission, the end month only with a final report in time', { timeout: 180000 }, () => {
	let stack; let anna; let karin; let admin;
	const ids = {};

	/** The insats command on the stack's database. */
	const insats = (...args) => run(join(REPO, 'build/insats'),
		[...args, '--db', join(stack.dir, 'insats.db'), '--config', join(stack.dir, 'insats.conf')],
		{ timeout: 30000 });
	/** Writes to the stack's database (lib.mjs's sql() is read-only). */
	const write = (query) => run('sqlite3', ['-bail', join(stack.dir, 'insats.db'), query], { timeout: 30000 });

	/** A customer of karin's with one AMI2 placement at Framtid AB; its id. */
	async function placement(serial, start, end) {
		const number = pnr('19800101', serial);
		await insats('customer', 'add', '--pnr', number, '--name', `Kund ${serial}`, '--counsellor', 'karin');
		await insats('placement', 'add', '--customer', number, '--code', 'AMI2', '--provider', 'Framtid AB',
			'--start', start, '--end', end);
		const { stdout } = await run('sqlite3', [join(stack.dir, 'insats.db'),
			`SELECT p.id FROM placements p JOIN customers c ON c.id = p.customer_id WHERE c.pnr = '${number}'`]);
		return stdout.trim();
	}

	/** Creates a document from its form with fields, submits (anna) and approves it (karin). */
	async function approved(newUrl, fields) {
		const page = await anna.get(newUrl);
		status(page, 200, `form ${newUrl}`);
		const form = parseForm(page.text, '/documents');
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		const saved = await anna.postForm('/documents', form.press('_action', 'save'));
		status(saved, 303, `save ${newUrl}`);
		const id = /^\/documents\/(\d+)/.exec(saved.location)[1];
		status(await anna.action(id, 'submit', (await anna.get(`/documents/${id}`)).text), 303, 'submit');
		status(await karin.action(id, 'approve', (await karin.get(`/documents/${id}`)).text), 303, 'approve');
		return id;
	}

	const monthly = (pl, period) => approved(`/documents/new?placement=${pl}&kind=monthly&period=${period}`, {
		'progression/text': 'Kunden har följt planen och nått ett delmål.',
		'adjustments/applicable': 'no', 'adjustments/text': 'Planen gäller oförändrad.',
		'absences/applicable': 'no', 'absences/text': 'Ingen frånvaro under månaden.',
		'deviations/applicable': 'no', 'deviations/text': 'Inga avvikelser.',
		'otherPlacement/applicable': 'no', 'otherPlacement/text': 'Inget behov.',
	});
	/*
	 * A final report on a placement that ended on end.  A report first
	 * submitted more than 14 days after the end is refused (lateness.c),
	 * so the placement ends today while it is submitted, under an ending
	 * decision (which the content gives way to); then its end is put back
	 * and the submission moved to the time a test needs.
	 */
	const final = async (pl, ending, end) => {
		const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
		await write(`UPDATE placements SET ending = '${ending}', ending_decided_on = coalesce(ending_decided_on,` +
			` '${end}'), end_date = '${today}' WHERE id = ${pl}`);
		const id = await approved(`/documents/new?placement=${pl}&kind=final`, {
			ending, decisionDate: today, endDate: today, outcome: 'work', selfSupporting: 'yes', goalReached: 'yes',
			summary: 'Kunden har fått en anställning och insatsen är avslutad.',
		});
		await write(`UPDATE placements SET end_date = '${end}' WHERE id = ${pl}`);
		return id;
	};
	/** Moves every submission of document id to the UTC time at. */
	const submittedAt = (id, at) => write(`UPDATE events SET at = '${at}' WHERE document_id = ${id}` +
		` AND action = 'submit'; UPDATE documents SET submitted_at = '${at}' WHERE id = ${id};`);

	/** The rows of run month (karin's CSV), checked to be the admin's and the command line's too. */
	async function runRows(month) {
		const res = await karin.get(`/payments?month=${month}`);
		status(res, 200, `/payments?month=${month}`);
		const lines = res.text.split('\r\n');
		assert.equal(lines[0], 'anordnare,insats,kundreferens,avser,underlag,dagar,belopp,sen,orsak');
		const adm = await admin.get(`/payments?month=${month}`);
		const cli = await insats('export', 'payments', '--month', month);
		assert.equal(cli.stdout, adm.text, 'the command line prints the admin\'s CSV');
		return lines.slice(1, -1);
	}
	const rowsOf = (rows, pl) => rows.filter((r) => r.split(',')[1] === pl);

	before(async () => {
		stack = await startStack('integration-payments');
		[anna, karin, admin] = ['anna', 'karin', 'admin'].map((u) => client(stack, u));
		ids.late = await placement('901', '2026-08-01', '2027-07-31');
		ids.end = await placement('902', '2026-08-01', '2026-09-30');
		ids.aborted = await placement('903', '2026-08-01', '2026-09-20');
	});

	after(async () => {
		await stack?.stop();
	});

	it('pays a report first submitted at 00:30 on the 8th in the next run, marked late', async () => {
		const doc = await monthly(ids.late, '2026-09');
		// 23:59 on the 7th, Stockholm summer time: September's run.
		await submittedAt(doc, '2026-10-07T21:59:00Z');
		let sep = rowsOf(await runRows('2026-09'), ids.late);
		assert.deepEqual(sep.map((r) => r.split(',').slice(3, 8).join(',')),
			['2026-09,månadsrapport,30,3876.00,nej']);
		assert.equal(rowsOf(await runRows('2026-10'), ids.late).length, 0, 'not in October too');

		// 22:30Z on the 7th is 00:30 on the 8th: October's run, late.
		await submittedAt(doc, '2026-10-07T22:30:00Z');
		sep = rowsOf(await runRows('2026-09'), ids.late);
		assert.equal(sep.length, 0, `not in September's CSV: ${sep}`);
		const oct = rowsOf(await runRows('2026-10'), ids.late);
		assert.equal(oct.length, 1, `in October's CSV: ${oct}`);
		assert.match(oct[0], /^Framtid AB,\d+,K-\d+,2026-09,månadsrapport,30,3876\.00,ja,kom in efter brytdatum 2026-10-07$/);

		const view = await karin.get(`/documents/${doc}`);
		assert.match(view.text.replace(/\s+/g, ' '), /betalas ut i utbetalningen för oktober 2026/,
			'the report\'s page names the run that pays it');
	});

	it('pays the end month only with a final report submitted by the end date', async () => {
		const rep = await monthly(ids.end, '2026-09');
		const fin = await final(ids.end, 'completed', '2026-09-30');
		await submittedAt(rep, '2026-10-03T08:00:00Z');
		await submittedAt(fin, '2026-09-30T20:00:00Z');	// 22:00 on the end date
		let sep = rowsOf(await runRows('2026-09'), ids.end);
		assert.deepEqual(sep.map((r) => r.split(',').slice(3).join(',')),
			['2026-09,månadsrapport,30,3876.00,nej,']);

		await submittedAt(fin, '2026-09-30T22:30:00Z');	// 00:30 on 1 October
		sep = rowsOf(await runRows('2026-09'), ids.end);
		assert.deepEqual(sep.map((r) => r.split(',').slice(3).join(',')),
			['2026-09,månadsrapport,30,0.00,nej,slutrapporten klarmarkerades efter 2026-09-30: utan ersättning'],
			'the row stays, at 0 and with the reason');
		const view = await karin.get(`/documents/${rep}`);
		assert.match(view.text, /Betalas inte: slutrapporten klarmarkerades efter 2026-09-30/,
			'the report\'s page says why the month is not paid');
	});

	it('pays an aborted placement two more weeks in the run of its final report', async () => {
		await write(`UPDATE placements SET ending = 'aborted', ending_decided_on = '2026-09-20'` +
			` WHERE id = ${ids.aborted}`);
		const rep = await monthly(ids.aborted, '2026-09');
		const fin = await final(ids.aborted, 'aborted', '2026-09-20');
		await submittedAt(rep, '2026-10-02T08:00:00Z');
		await submittedAt(fin, '2026-10-04T08:00:00Z');	// end + 14 days
		// 20 days: 387 600 / 30 x 20 = 2 584; two weeks: x 14 = 1 808.80.
		assert.deepEqual(rowsOf(await runRows('2026-09'), ids.aborted).map((r) => r.split(',').slice(3).join(',')),
			['2026-09,månadsrapport,20,2584.00,nej,', '2026-09,slutrapport,14,1808.80,nej,']);

		await submittedAt(fin, '2026-10-05T08:00:00Z');	// end + 15 days: without payment
		const rows = rowsOf(await runRows('2026-09'), ids.aborted).map((r) => r.split(',').slice(3, 7).join(','));
		assert.deepEqual(rows, ['2026-09,månadsrapport,20,0.00', '2026-09,slutrapport,14,0.00']);
	});
});
