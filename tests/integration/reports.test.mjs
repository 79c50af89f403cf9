// Issue 3 end to end through nginx: a monthly report (månadsrapport) with
// its business rules ("Ej aktuellt" needs a motivation, the certificate
// from the 8th day of a sick or vab period), submit with the KLAR title,
// approval, the payment basis on the page and as CSV (web and command
// line); a final report (slutrapport) whose next step is required; the
// work queues of the start pages.  Each describe() block has a stack of
// its own; the tests of a block run in order.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import {
	startStack, client, links, parseForm, rowOf, textOf, decode, describeRes, REPO,
} from './lib.mjs';

const run = promisify(execFile);
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti',
	'september', 'oktober', 'november', 'december'];
const AMI2_ORE = 387600;	// conf/catalogue: AMI2 3 876 kr a month

function status(res, expected, what = '') {
	const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
	assert.ok(ok, `${what ? what + ': ' : ''}expected ${expected}, got ${describeRes(res)}`);
}

function has(html, text, what) {
	assert.ok(textOf(html).includes(text) || decode(html).includes(text),
		`${what}: "${text}" not found in: ${textOf(html).trim().slice(0, 800)}`);
}

/** The message shown next to field (id e-…), or null. */
function fieldError(html, field) {
	const id = 'e-' + field.replace(/[/[\]]/g, '-');
	const m = new RegExp(`<p[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html);
	return m ? textOf(m[1]).trim() : null;
}

/** "3 488,40 kr" with any kind of space. */
function sek(ore) {
	const kr = String(Math.floor(ore / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
	const rest = ore % 100;
	return `${kr}${rest ? ',' + String(rest).padStart(2, '0') : ''} kr`;
}

const norm = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

/**
 * A stack of its own for the enclosing describe() block: clients of
 * anna, karin, kalle and admin, and from anna's start page Eva Ek's
 * placement, the month of its first monthly report (period), its start
 * and the link to that report's form (monthlyNew), filled before the
 * block's tests.
 */
function ownStack(name) {
	const own = {};
	before(async () => {
		own.stack = await startStack(name);
		[own.anna, own.karin, own.kalle, own.admin] = ['anna', 'karin', 'kalle', 'admin']
			.map((u) => client(own.stack, u));
		const res = await own.anna.get('/');
		status(res, 200, 'anna /');
		const row = rowOf(res.text, 'Eva Ek', { all: true }).find((r) => /kind=monthly/.test(r));
		assert.ok(row, "a work-queue row of Eva Ek's monthly report");
		own.monthlyNew = links(row).find((h) => /kind=monthly/.test(h));
		[, own.placementId, own.period] =
			/^\/documents\/new\?placement=(\d+)&kind=monthly&period=(\d{4}-\d{2})$/.exec(own.monthlyNew);
		own.start = /\b(\d{4}-\d{2}-\d{2})\b/.exec(textOf(row))?.[1];
	});
	after(async () => {
		await own.stack?.stop();
	});
	return own;
}

/**
 * The first monthly report of own's placement, saved by anna: a sick
 * period of nine days from the start without a certificate, with a note
 * on how it is followed up; the other sections "Ej aktuellt" or filled.
 * Returns its id.
 */
async function saveReportWithSickPeriod(own) {
	const { anna, period, start } = own;
	const form = parseForm((await anna.get(own.monthlyNew)).text, '/documents');
	form.set('progression/text', 'Kunden har klarat truckkort A och börjat på B.');
	form.set('adjustments/applicable', 'no').set('adjustments/text', 'Planen gäller oförändrad.');
	form.set('absences/applicable', 'yes');
	const d = (n) => `${period}-${String(n).padStart(2, '0')}`;
	const first = Number(start.slice(8));
	form.set('absences/absence[1]/from', d(first)).set('absences/absence[1]/to', d(first + 8));
	form.set('absences/absence[1]/reason', 'sjuk').set('absences/absence[1]/certificate', 'no');
	form.set('absences/absence[1]/note', 'Intyg begärt av kunden, inkommer vecka 46.');
	form.set('deviations/applicable', 'no').set('deviations/text', 'Inga avvikelser.');
	form.set('otherPlacement/applicable', 'no').set('otherPlacement/text', 'Inget behov.');
	const saved = await anna.postForm('/documents', form.press('_action', 'save'));
	status(saved, 303, 'the report with a sick period');
	return /^\/documents\/(\d+)/.exec(saved.location)[1];
}

describe("the provider's work queue lists the monthly report of a placement's first month, with its due date", { timeout: 180000 }, () => {
	const own = ownStack('integration-reports-queue');
	let stack; let anna; let karin; let kalle; let admin;
	let placementId; let start; let period; let monthlyNew; let docId;
	before(() => ({ stack, anna, karin, kalle, admin, placementId, start, period, monthlyNew } = own));

	it("shows the due monthly report of Eva Ek's first month on anna's start page", async () => {
		const res = await anna.get('/');
		status(res, 200, 'anna /');
		const rows = rowOf(res.text, 'Eva Ek', { all: true });
		const row = rows.find((r) => /kind=monthly/.test(r));
		assert.ok(row, `a work-queue row of Eva Ek links to a new monthly report: ${rows.map(textOf).join(' | ')}`);
		const href = links(row).find((h) => /kind=monthly/.test(h));
		const m = /^\/documents\/new\?placement=(\d+)&kind=monthly&period=(\d{4}-\d{2})$/.exec(href);
		assert.ok(m, `link to the new monthly report: ${href}`);
		[, placementId, period] = m;
		start = /\b(\d{4}-\d{2}-\d{2})\b/.exec(textOf(row))?.[1];
		assert.ok(start && start.startsWith(period), `the first due month is the start's: ${start} ${period}`);
		has(row, `Månadsrapport, ${MONTHS[Number(period.slice(5)) - 1]} ${period.slice(0, 4)}`, 'row names the month');
		// Due the 7th of the next month; in the demo that day has passed.
		const due = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)), 7))
			.toISOString().slice(0, 10);
		has(row, due, 'row shows the due date (7th of the next month)');
		if (new Date().toISOString().slice(0, 10) > due) has(row, 'försenad', 'late row');
		monthlyNew = href;
	});
});

describe('a monthly report is refused for a month outside the placement, an empty section, or a sick period without a certificate from day 8', { timeout: 180000 }, () => {
	const own = ownStack('integration-reports-rules');
	let stack; let anna; let karin; let kalle; let admin;
	let placementId; let start; let period; let monthlyNew; let docId;
	before(() => ({ stack, anna, karin, kalle, admin, placementId, start, period, monthlyNew } = own));

	it('refuses a month outside the placement (422) and a malformed month (400)', async () => {
		const [y, mo] = period.split('-').map(Number);
		const before = `${mo === 1 ? y - 1 : y}-${String(mo === 1 ? 12 : mo - 1).padStart(2, '0')}`;
		const res = await anna.get(`/documents/new?placement=${placementId}&kind=monthly&period=${before}`);
		status(res, 422, 'month before the start');
		has(res.text, 'utanför insatsens period', 'message');
		status(await anna.get(`/documents/new?placement=${placementId}&kind=monthly&period=2026-13`), 400,
			'month 13');
	});

	it('refuses an empty section with its message at the section (422)', async () => {
		const page = await anna.get(monthlyNew);
		status(page, 200, 'new monthly form');
		const form = parseForm(page.text, '/documents');
		assert.ok(form, 'the form posts to /documents');
		assert.equal(form.get('period'), period, 'hidden period field');
		form.set('progression/text', 'Kunden har klarat truckkort A och börjat på B.');
		form.set('absences/applicable', 'no').set('absences/text', 'Ingen frånvaro under månaden.');
		form.set('deviations/applicable', 'no').set('deviations/text', 'Inga avvikelser.');
		form.set('otherPlacement/applicable', 'no').set('otherPlacement/text', 'Inget behov.');
		// adjustments: left empty, not marked "Ej aktuellt"
		const res = await anna.postForm('/documents', form.press('_action', 'save'));
		status(res, 422, 'empty section');
		const msg = fieldError(res.text, 'adjustments');
		assert.ok(msg && /Ej aktuellt/.test(msg), `message at the adjustments section: ${msg}`);
		assert.match(res.text, /<fieldset[^>]*id="f-adjustments"[^>]*aria-describedby="e-adjustments"/,
			'the section points at its message');
		has(res.text, 'Kunden har klarat truckkort A', 'what anna typed is kept');

		// "Ej aktuellt" without a motivation: refused too.
		const again = parseForm(res.text, '/documents');
		again.set('adjustments/applicable', 'no');
		const res2 = await anna.postForm('/documents', again.press('_action', 'save'));
		status(res2, 422, 'Ej aktuellt without motivation');
		assert.match(fieldError(res2.text, 'adjustments') ?? '', /motivering/, 'asks for a motivation');
	});

	it('flags a sick period reaching its 8th day without a certificate', async () => {
		const page = await anna.get(monthlyNew);
		const form = parseForm(page.text, '/documents');
		form.set('progression/text', 'Kunden har klarat truckkort A och börjat på B.');
		form.set('adjustments/applicable', 'no').set('adjustments/text', 'Planen gäller oförändrad.');
		form.set('absences/applicable', 'yes');
		const d = (n) => `${period}-${String(n).padStart(2, '0')}`;
		const first = Number(start.slice(8));
		form.set('absences/absence[1]/from', d(first)).set('absences/absence[1]/to', d(first + 8));
		form.set('absences/absence[1]/reason', 'sjuk').set('absences/absence[1]/certificate', 'no');
		form.set('deviations/applicable', 'no').set('deviations/text', 'Inga avvikelser.');
		form.set('otherPlacement/applicable', 'no').set('otherPlacement/text', 'Inget behov.');
		const res = await anna.postForm('/documents', form.press('_action', 'save'));
		status(res, 422, 'sick 9 days, no certificate');
		assert.match(fieldError(res.text, 'absences/absence[1]/certificate') ?? '', /dag 8/,
			'the certificate is flagged at the row');

		// With "Ej aktuellt" + motivation everywhere it does not apply, and a
		// note on how the certificate is followed up: accepted.
		const ok = parseForm(res.text, '/documents');
		ok.set('absences/absence[1]/note', 'Intyg begärt av kunden, inkommer vecka 46.');
		const saved = await anna.postForm('/documents', ok.press('_action', 'save'));
		status(saved, 303, 'accepted');
		const m = /^\/documents\/(\d+)\?m=saved$/.exec(saved.location ?? '');
		assert.ok(m, `redirect to the new document: ${saved.location}`);
		docId = m[1];
		// One report per placement and month: the form now leads to it.
		const dup = await anna.get(monthlyNew);
		status(dup, 303, 'second report of the same month');
		assert.equal(dup.location, `/documents/${docId}`);
	});
});

describe('a monthly report shows its payment basis, is submitted as KLAR, approved and paid in the CSV of its run', { timeout: 180000 }, () => {
	const own = ownStack('integration-reports');
	let stack; let anna; let karin; let kalle; let admin;
	let placementId; let start; let period; let monthlyNew; let docId;
	before(() => ({ stack, anna, karin, kalle, admin, placementId, start, period, monthlyNew } = own));
	before(async () => {
		docId = await saveReportWithSickPeriod(own);
	});

	it('shows the payment basis and gives the KLAR title on submit', async () => {
		const view = await anna.get(`/documents/${docId}`);
		status(view, 200, 'view');
		const dim = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)), 0)).getUTCDate();
		const days = dim - Number(start.slice(8)) + 1;
		const ore = Math.round(AMI2_ORE * days / 30);
		const text = norm(textOf(view.text));
		assert.ok(text.includes(sek(ore)), `the amount ${sek(ore)} is shown: ${text.slice(0, 1500)}`);
		assert.ok(text.includes(`${days} av ${dim}`), `placement days ${days} of ${dim} shown`);
		has(view.text, 'Intyg saknas från dag 8', 'the view flags the missing certificate');
		has(view.text, 'Ej aktuellt', 'Ej aktuellt shown');

		const sub = await anna.action(docId, 'submit', view.text);
		status(sub, 303, 'submit');
		const after = await anna.get(`/documents/${docId}`);
		const month = `${MONTHS[Number(period.slice(5)) - 1]} ${period.slice(0, 4)}`;
		has(after.text, `Månadsrapport, ${month}, KLAR`, 'title after submit');
		has(after.text, 'Klarmarkerad', 'state');
	});

	it("puts the report in karin's review queue; karin approves", async () => {
		const start1 = await karin.get('/');
		status(start1, 200, 'karin /');
		const rows = rowOf(start1.text, `href="/documents/${docId}"`, { all: true });
		assert.ok(rows.length, "karin's queue links to the report");
		assert.ok(rows.some((r) => /\d{4}-\d{2}-\d{2}/.test(textOf(r))), 'with a review due date');
		has(start1.text, 'Brister hos anordnare', 'deficiencies section');
		const deficiency = rowOf(start1.text, 'Upprepade förseningar');
		assert.ok(deficiency && textOf(deficiency).includes('Framtid AB'),
			'Framtid AB has repeated late reports in the demo (plans and reports past due)');

		const view = await karin.get(`/documents/${docId}`);
		const ok = await karin.action(docId, 'approve', view.text);
		status(ok, 303, 'approve');
		has((await karin.get(`/documents/${docId}`)).text, 'Godkänd', 'approved');
	});

	it('lists the approved report in the payment basis CSV of its month', async () => {
		const dim = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)), 0)).getUTCDate();
		const days = dim - Number(start.slice(8)) + 1;
		const ore = Math.round(AMI2_ORE * days / 30);
		const amount = `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
		const cutoff = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)), 7))
			.toISOString().slice(0, 10);
		// Submitted today: paid in the run of the first cut-off on or after today (README "Payments").
		const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
		let runMonth = period;
		if (today > cutoff) {
			const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, 1));
			if (Number(today.slice(8)) <= 7) d.setUTCMonth(d.getUTCMonth() - 1);
			runMonth = d.toISOString().slice(0, 7);
		}
		const late = runMonth !== period;
		const expected = `Framtid AB,${placementId},K-1,${period},månadsrapport,${days},${amount},` +
			(late ? `ja,kom in efter brytdatum ${cutoff}` : 'nej,');

		const res = await karin.get(`/payments?month=${runMonth}`);
		status(res, 200, 'karin /payments');
		assert.match(res.type, /^text\/csv; charset=utf-8/);
		const lines = res.text.split('\r\n');
		assert.equal(lines[0], 'anordnare,insats,kundreferens,avser,underlag,dagar,belopp,sen,orsak', 'header row');
		assert.ok(lines.includes(expected), `row ${expected} in:\n${res.text}`);
		assert.equal(lines.at(-1), '', 'CRLF after the last row');
		assert.ok(!/Eva Ek|19850312/.test(res.text), 'no name or personal number');
		if (late) {
			const own = await karin.get(`/payments?month=${period}`);
			assert.ok(!own.text.includes(`,${placementId},K-1,`), 'a late report is not in its own month\'s run');
		}

		const adm = await admin.get(`/payments?month=${runMonth}`);
		status(adm, 200, 'admin /payments');
		assert.ok(adm.text.split('\r\n').includes(expected), 'admin sees the row');
		const other = await kalle.get(`/payments?month=${runMonth}`);
		status(other, 200, 'kalle /payments');
		assert.ok(!other.text.includes(`,${placementId},K-1,`), "kalle does not see karin's customer");
		status(await anna.get(`/payments?month=${period}`), 403, 'provider');
		status(await karin.get('/payments?month=2026-3'), 400, 'malformed month');

		const cli = await run(join(REPO, 'build/insats'),
			['export', 'payments', '--month', runMonth, '--db', join(stack.dir, 'insats.db'),
				'--config', join(stack.dir, 'insats.conf')], { timeout: 30000 });
		assert.equal(cli.stdout, adm.text, 'insats export payments prints the same CSV as an admin gets');
	});
});

describe('a final report "early" with outcome "other" needs a next step', { timeout: 180000 }, () => {
	const own = ownStack('integration-reports-final');
	let stack; let anna; let karin; let kalle; let admin;
	let placementId; let start; let period; let monthlyNew; let docId;
	before(() => ({ stack, anna, karin, kalle, admin, placementId, start, period, monthlyNew } = own));

	it('refuses a final report "early" with outcome "other" and no next step', async () => {
		const page = await anna.get(`/documents/new?placement=${placementId}&kind=final`);
		status(page, 200, 'new final form');
		const form = parseForm(page.text, '/documents');
		const today = new Date().toISOString().slice(0, 10);
		form.set('ending', 'early').set('decisionDate', today).set('endDate', today);
		form.set('outcome', 'other').set('selfSupporting', 'no').set('goalReached', 'no');
		form.set('summary', 'Insatsen avslutades i förtid efter beslut av karriärvägledaren.');
		const res = await anna.postForm('/documents', form.press('_action', 'save'));
		status(res, 422, 'no next step');
		assert.match(fieldError(res.text, 'nextStep') ?? '', /nästa steg/, 'message at the next step');
		has(res.text, 'Insatsen avslutades i förtid', 'typed text kept');

		const ok = parseForm(res.text, '/documents');
		ok.set('nextStep', 'Utredning av arbetsförmåga hos vården, sedan ny bedömning.');
		const saved = await anna.postForm('/documents', ok.press('_action', 'save'));
		status(saved, 303, 'with a next step');
		const view = await anna.get(saved.location.replace(/\?.*$/, ''));
		has(view.text, 'Avslutad i förtid', 'ending shown');
		has(view.text, 'Utredning av arbetsförmåga', 'next step shown');
	});
});
