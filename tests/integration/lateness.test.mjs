// Issue 12 (points 3, 7, 8) through nginx: one definition of lateness.
// A provider of its own, Sena Vägen AB, has two of karin's customers:
// - a placement that ended 20 days ago: its final report is saved but its
//   submission refused (409, a Swedish message, the draft kept); with an
//   ending decision recorded the end in force moves, the decision is
//   authoritative over the report's content, an aborted placement is paid
//   two more weeks and a completed one submitted after its end is not;
// - a placement that started 100 days ago: its plan, returned twice and
//   resubmitted, is late or not on the document page, both start pages and
//   in the deficiency count alike, keeps the review deadline of its first
//   submission (five working days, over a weekend and Kristi
//   himmelsfärdsdag), and a monthly report is late by the local day of its
//   first submission (23:30 UTC is the next day in Stockholm).
// Stored times are moved with sqlite3 on the stack's database.  Each
// describe() block has a stack of its own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import {
	startStack, client, parseForm, rowOf, textOf, describeRes, pnr, sql, REPO,
} from './lib.mjs';

const run = promisify(execFile);
const BIN = process.env.INSATS_BIN || join(REPO, 'build/insats');
const ORG = 'Sena Vägen AB';
const PLAN = {
	goal: 'Arbete inom handel på minst halvtid.',
	'subgoals/subgoal[1]': 'Kassautbildning.',
	'activities/activity[1]/what': 'Praktik i butik',
	'activities/activity[1]/how': 'Tre dagar i veckan med handledare.',
	'activities/activity[1]/when': 'Vecka 2-10',
	'signatures/customer/signedBy': 'Selma Sen',
	'signatures/customer/date': '2026-01-05',
	'signatures/provider/signedBy': 'Sven Väg',
	'signatures/provider/date': '2026-01-05',
	followUp: '2026-02-15',
};

function status(res, expected, what = '') {
	assert.equal(res.status, expected, `${what ? what + ': ' : ''}expected ${expected}, got ${describeRes(res)}`);
}

/** Today in Stockholm, "YYYY-MM-DD" (the stack's timezone). */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** ymd moved n days. */
function addDays(ymd, n) {
	const d = new Date(`${ymd}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** The 7th of the month after ymd's. */
function seventhAfter(ymd) {
	const d = new Date(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)), 7, 12));
	return d.toISOString().slice(0, 10);
}

/** The <section> of a page whose heading has id h. */
function section(html, h) {
	const m = new RegExp(`<section\\b[^>]*>\\s*<h2 id="${h}">[\\s\\S]*?</section>`).exec(html);
	assert.ok(m, `section ${h}`);
	return m[0];
}

/** The late count of provider name in the deficiency list (0 without a row). */
function deficiencyLate(html, name) {
	for (const r of section(html, 'h-deficiencies').matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
		const cells = [...r[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]).trim());
		if (cells[0] === name) return { late: Number.parseInt(cells[2], 10), veryLate: Number.parseInt(cells[1], 10) };
	}
	return null;
}

/** The text of the "dt" row of the document page's status box. */
function statusRow(html, dt) {
	const m = new RegExp(`<dt>${dt}</dt>\\s*<dd>([\\s\\S]*?)</dd>`).exec(html);
	return m ? textOf(m[1]).trim() : null;
}

/**
 * A stack of its own for the enclosing describe() block, with Sena Vägen
 * AB (provider senvag) and two of karin's customers there: Selma Sen's
 * placement ended 20 days ago, Sture Sen's started 100 days ago.
 * Returns { stack, conf, karin, senvag, endedId, endedEnd, runningId,
 * runningStart, write(query), addPlacement() }, filled before the tests.
 */
function senaVagenStack(name) {
	const own = {};
	/** Writes to the stack's database (the server keeps running: WAL). */
	own.write = async function write(query) {
		await run('sqlite3', ['-cmd', '.timeout 5000', join(own.stack.dir, 'insats.db'), query], { timeout: 30000 });
	};

	own.addPlacement = async function addPlacement(p, start, end) {
		const args = ['placement', 'add', '--customer', p, '--code', 'AMI2', '--provider', ORG, '--start', start];
		if (end) args.push('--end', end);
		const { stdout } = await run(BIN, [...args, ...own.conf], { timeout: 30000 });
		return /\d+/.exec(stdout)?.[0];
	};

	before(async () => {
		const stack = own.stack = await startStack(name);
		const conf = own.conf = ['--db', join(stack.dir, 'insats.db'), '--config', join(stack.dir, 'insats.conf')];
		const opt = { timeout: 30000 };
		await run(BIN, ['user', 'add', 'senvag', '--name', 'Sven Väg', '--role', 'provider', '--org', ORG, ...conf], opt);
		await stack.addUser('senvag');
		const p1 = pnr('19790321', '234');
		const p2 = pnr('19880710', '345');
		for (const [p, name] of [[p1, 'Selma Sen'], [p2, 'Sture Sen']]) {
			await run(BIN, ['customer', 'add', '--pnr', p, '--name', name, '--counsellor', 'karin', ...conf], opt);
		}
		own.endedEnd = addDays(today(), -20);
		own.endedId = await own.addPlacement(p1, addDays(today(), -60), own.endedEnd);
		own.runningStart = addDays(today(), -100);
		own.runningId = await own.addPlacement(p2, own.runningStart);
		[own.karin, own.senvag] = ['karin', 'senvag'].map((u) => client(stack, u));
	});
	after(async () => {
		await own.stack?.stop();
	});
	return own;
}

/**
 * Sture Sen's plan, written by senvag, returned twice by karin and
 * submitted a third time.  Returns its id.
 */
async function writePlanReturnedTwice(own) {
	const res = await own.senvag.get(`/documents/new?placement=${own.runningId}&kind=plan`);
	status(res, 200, 'new plan form');
	const form = parseForm(res.text, '/documents');
	for (const [k, v] of Object.entries(PLAN)) form.set(k, v);
	if (form.has('scope/extent')) form.set('scope/extent', 'fulltime');
	const saved = await own.senvag.postForm('/documents', form.press('_action', 'save'));
	status(saved, 303, 'save');
	const planId = /^\/documents\/(\d+)/.exec(saved.location ?? '')?.[1];
	for (let i = 1; i <= 3; i++) {
		status(await own.senvag.action(planId, 'submit', (await own.senvag.get(`/documents/${planId}`)).text), 303,
			`submit ${i}`);
		if (i < 3) {
			status(await own.karin.action(planId, 'return', (await own.karin.get(`/documents/${planId}`)).text,
				{ comment: `Delmålen behöver preciseras (${i}).` }), 303, `return ${i}`);
		}
	}
	return planId;
}

describe('a final report more than 14 days after the end is refused, and an ending decision moves the end in force', { timeout: 240000 }, () => {
	const own = senaVagenStack('integration-lateness');
	let stack; let karin; let senvag; let write; let endedId; let endedEnd;
	before(() => ({ stack, karin, senvag, write, endedId, endedEnd } = own));
	let finalId;

	it('refuses a final report more than 14 days after the end (409, Swedish), keeping the draft', async () => {
		const page = await senvag.get(`/documents/new?placement=${endedId}&kind=final`);
		status(page, 200, 'new final form');
		const form = parseForm(page.text, '/documents');
		form.set('ending', 'completed').set('endDate', endedEnd);
		form.set('outcome', 'work').set('selfSupporting', 'yes').set('goalReached', 'yes');
		form.set('summary', 'Kunden har fått anställning i butik.');
		const saved = await senvag.postForm('/documents', form.press('_action', 'save'));
		status(saved, 303, 'save');
		finalId = /^\/documents\/(\d+)/.exec(saved.location ?? '')?.[1];
		assert.ok(finalId, `the new final report: ${saved.location}`);

		const view = await senvag.get(`/documents/${finalId}`);
		status(view, 200, 'view');
		const until = addDays(endedEnd, 14);
		const last = statusRow(view.text, 'Kan klarmarkeras senast');
		assert.ok(last?.startsWith(until), `last day end + 14 = ${until}: ${last}`);
		assert.match(last, /kan inte längre klarmarkeras/, `the view says it is too late: ${last}`);
		assert.ok(statusRow(view.text, 'Ersätts om den klarmarkeras senast')?.startsWith(endedEnd),
			'paid only up to the end date');

		const res = await senvag.action(finalId, 'submit', view.text);
		status(res, 409, 'submit after end + 14');
		const text = textOf(res.text);
		assert.match(text, /Slutrapporten kan inte längre klarmarkeras/, `Swedish message: ${text.slice(0, 600)}`);
		assert.ok(text.includes(until) && text.includes(endedEnd), `names the dates: ${text.slice(0, 600)}`);
		assert.ok(res.text.includes(`href="/documents/${finalId}"`), 'links back to the draft');
		assert.equal(await sql(stack.dir, `SELECT state FROM documents WHERE id = ${finalId}`), 'draft', 'still a draft');
		assert.equal(await sql(stack.dir, `SELECT count(*) FROM events WHERE document_id = ${finalId} AND action = 'submit'`),
			'0', 'no submit event');
		assert.match(await sql(stack.dir, `SELECT xml FROM document_versions WHERE document_id = ${finalId}`),
			/anställning i butik/, 'the content is kept');
	});

	it('takes a recorded ending decision over the content: aborted is paid two more weeks', async () => {
		// The counsellor's decision: aborted, ending 14 days ago (today is end + 14).
		const end = addDays(today(), -14);
		await write(`UPDATE placements SET ending = 'aborted', ending_decided_on = '${addDays(end, -3)}',
			end_date = '${end}' WHERE id = ${endedId}`);
		const view = await senvag.get(`/documents/${finalId}`);
		assert.ok(statusRow(view.text, 'Slutdatum enligt beslut om avslut')?.startsWith(end),
			`the decided end is shown: ${statusRow(view.text, 'Slutdatum enligt beslut om avslut')}`);
		const paid = statusRow(view.text, 'Ersätts om den klarmarkeras senast');
		assert.ok(paid?.startsWith(addDays(end, 14)), `aborted: paid up to end + 14: ${paid}`);
		assert.doesNotMatch(statusRow(view.text, 'Kan klarmarkeras senast') ?? '', /utan ersättning|inte längre/,
			'still paid today');
		status(await senvag.action(finalId, 'submit', view.text), 303, 'submit on end + 14');
		const after = await senvag.get(`/documents/${finalId}`);
		assert.doesNotMatch(statusRow(after.text, 'Ersätts om den klarmarkeras senast') ?? '', /ersätts inte/,
			'aborted, in on end + 14: paid');
		// Had it been completed on that end, the same submission would be unpaid.
		await write(`UPDATE placements SET ending = 'completed' WHERE id = ${endedId}`);
		const completed = await senvag.get(`/documents/${finalId}`);
		assert.match(statusRow(completed.text, 'Ersätts om den klarmarkeras senast') ?? '', /ersätts inte/,
			'completed, in after the end: not paid');
	});
});

describe("a plan's lateness is the same on the document page, both start pages and the deficiencies", { timeout: 240000 }, () => {
	const own = senaVagenStack('integration-lateness-plan');
	let stack; let karin; let senvag; let write; let runningStart;
	before(() => ({ stack, karin, senvag, write, runningStart } = own));
	let planId;

	it('agrees on a plan\'s lateness on the document page, both start pages and the deficiencies', async () => {
		planId = await writePlanReturnedTwice(own);
		const due = addDays(runningStart, 14);

		/** Lateness of the plan as each page shows it. */
		async function views() {
			const doc = await karin.get(`/documents/${planId}`);
			const dueRow = statusRow(doc.text, 'Ska klarmarkeras senast');
			assert.ok(dueRow?.startsWith(due), `document page due ${due}: ${dueRow}`);
			const kstart = await karin.get('/');
			const krow = rowOf(section(kstart.text, 'h-placements'), 'Sture Sen');
			const pstart = await senvag.get('/');
			const prow = rowOf(section(pstart.text, 'h-placements'), 'Sture Sen');
			assert.ok(krow && prow, 'the placement on both start pages');
			assert.ok(textOf(krow).includes(due) && textOf(prow).includes(due), 'both show the plan due date');
			return {
				doc: /försenad/.test(dueRow),
				counsellor: /försenad/.test(textOf(krow)),
				provider: /försenad/.test(textOf(prow)),
				deficiency: deficiencyLate(kstart.text, ORG),
			};
		}
		// First submitted today, 86 days after its due date: late everywhere.
		const late = await views();
		assert.deepEqual([late.doc, late.counsellor, late.provider], [true, true, true], 'late on every page');
		assert.ok(late.deficiency, `a deficiency row for ${ORG} (returned twice)`);
		// Its first submission moved to the day before the due date: in time everywhere,
		// and one late report fewer (and one fewer a month late) for the provider.
		await write(`UPDATE events SET at = '${addDays(due, -1)}T10:00:00Z' WHERE id = (SELECT min(id) FROM events
			WHERE document_id = ${planId} AND action = 'submit')`);
		const onTime = await views();
		assert.deepEqual([onTime.doc, onTime.counsellor, onTime.provider], [false, false, false],
			'in time on every page');
		assert.equal(onTime.deficiency.late, late.deficiency.late - 1, 'one late report fewer in the deficiencies');
		assert.equal(onTime.deficiency.veryLate, late.deficiency.veryLate - 1, 'and one fewer a month late');
		// 23:30 UTC on the due date is the next day in Stockholm: late again, everywhere.
		await write(`UPDATE events SET at = '${due}T23:30:00Z' WHERE id = (SELECT min(id) FROM events
			WHERE document_id = ${planId} AND action = 'submit')`);
		const midnight = await views();
		assert.deepEqual([midnight.doc, midnight.counsellor, midnight.provider], [true, true, true],
			'late by the local day on every page');
		assert.equal(midnight.deficiency.late, late.deficiency.late, 'counted late again');
	});

	it('keeps the first submission\'s review deadline after a return (five working days)', async () => {
		// First submitted at 00:00 on Friday 8 May 2026 in Stockholm (22:00 UTC on the 7th):
		// Mon 11, Tue 12, Wed 13, (Kristi himmelsfärdsdag), Fri 15, Mon 18.  Returned twice
		// and resubmitted today, the plan is still to be approved by 18 May.
		await write(`UPDATE events SET at = '2026-05-07T22:00:00Z' WHERE id = (SELECT min(id) FROM events
			WHERE document_id = ${planId} AND action = 'submit')`);
		const doc = await karin.get(`/documents/${planId}`);
		const review = statusRow(doc.text, 'Granskas senast');
		assert.ok(review?.startsWith('2026-05-18'), `review by 2026-05-18: ${review}`);
		assert.match(review, /försenad/, 'and late now');
		const start = await karin.get('/');
		const row = rowOf(section(start.text, 'h-queue'), `href="/documents/${planId}"`);
		assert.ok(row && textOf(row).includes('2026-05-18'), `the review queue says the same: ${row && textOf(row)}`);
		assert.match(textOf(row), /försenad/, 'late in the queue too');
	});
});

describe('a monthly report is late by the local day of its first submission', { timeout: 240000 }, () => {
	const own = senaVagenStack('integration-lateness-monthly');
	let stack; let karin; let senvag; let write; let runningId; let runningStart;
	before(() => ({ stack, karin, senvag, write, runningId, runningStart } = own));
	let monthlyId;

	it('judges a monthly report on the local day of its first submission', async () => {
		const period = runningStart.slice(0, 7);
		const page = await senvag.get(`/documents/new?placement=${runningId}&kind=monthly&period=${period}`);
		status(page, 200, 'new monthly form');
		const form = parseForm(page.text, '/documents');
		form.set('progression/text', 'Kunden deltar i praktiken enligt planen.');
		form.set('adjustments/applicable', 'no').set('adjustments/text', 'Planen gäller oförändrad.');
		form.set('absences/applicable', 'no').set('absences/text', 'Ingen frånvaro under månaden.');
		form.set('deviations/applicable', 'no').set('deviations/text', 'Inga avvikelser.');
		form.set('otherPlacement/applicable', 'no').set('otherPlacement/text', 'Inget behov.');
		const saved = await senvag.postForm('/documents', form.press('_action', 'save'));
		status(saved, 303, 'save monthly');
		monthlyId = /^\/documents\/(\d+)/.exec(saved.location ?? '')?.[1];
		status(await senvag.action(monthlyId, 'submit', (await senvag.get(`/documents/${monthlyId}`)).text), 303,
			'submit monthly');
		const due = seventhAfter(runningStart);

		async function state() {
			const doc = await karin.get(`/documents/${monthlyId}`);
			const dueRow = statusRow(doc.text, 'Ska klarmarkeras senast');
			assert.ok(dueRow?.startsWith(due), `due the 7th, ${due}: ${dueRow}`);
			assert.ok(statusRow(doc.text, 'Godkänns senast')?.startsWith(`${due.slice(0, 8)}15`),
				'approve by the 15th on the document page');
			return { late: /försenad/.test(dueRow), deficiency: deficiencyLate((await karin.get('/')).text, ORG) };
		}
		// 21:30 UTC on the 7th is still the 7th in Stockholm (summer or winter).
		await write(`UPDATE events SET at = '${due}T21:30:00Z' WHERE document_id = ${monthlyId} AND action = 'submit'`);
		const inTime = await state();
		assert.equal(inTime.late, false, 'in time on the 7th');
		// 23:30 UTC on the 7th is the 8th in Stockholm: late, though its UTC date is the 7th.
		await write(`UPDATE events SET at = '${due}T23:30:00Z' WHERE document_id = ${monthlyId} AND action = 'submit'`);
		const late = await state();
		assert.equal(late.late, true, 'late on the 8th in Stockholm');
		assert.equal(late.deficiency.late, inTime.deficiency.late + 1, 'the deficiencies count it too');
	});
});

describe('a plan revision asked for at a follow-up is due five working days after the request', { timeout: 240000 }, () => {
	const own = senaVagenStack('integration-lateness-revision');
	let stack; let karin; let senvag; let write; let runningId;
	before(() => ({ stack, karin, senvag, write, runningId } = own));
	before(async () => {
		await writePlanReturnedTwice(own);
	});

	it('lists a plan revision asked for at a follow-up, due five working days after the request', async () => {
		// Asked at 00:00 on Friday 8 May 2026 in Stockholm: due Monday 18 May (not start + 14).
		await write(`UPDATE placements SET revision_requested_at = '2026-05-07T22:00:00Z' WHERE id = ${runningId}`);
		const start = await senvag.get('/');
		const row = rowOf(section(start.text, 'h-due'), 'Genomförandeplan, revision 2');
		assert.ok(row, `the revision in the work queue: ${textOf(section(start.text, 'h-due')).slice(0, 600)}`);
		assert.ok(textOf(row).includes('2026-05-18'), `due 2026-05-18: ${textOf(row)}`);
		assert.match(textOf(row), /försenad/, 'and late');
	});
});
