// Issue 6 on top of issue 3, in a real browser: anna writes a monthly
// report (månadsrapport) for Eva Ek with one section answered "Ej aktuellt"
// plus its motivation and one absence row, and submits it; karin approves
// it; the payment basis (CSV) for the month downloads with the report's
// row.  Amounts are shown as "3 876 kr".  Every page is scanned by axe-core
// and photographed into tests/e2e/out/.  The tests run in order on one stack.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { setup, field, downloadText, OUT } from './lib.mjs';

const CUSTOMER = 'Eva Ek';
const NOT_APPLICABLE = 'Inga ändringar behövs: planen följs som den är.';
const TEXT = {
	'progression/text': 'Eva har klarat truckkort A och börjar på B nästa vecka.',
	'deviations/text': 'Inga avvikelser från planeringen.',
	'otherPlacement/text': 'Ingen annan insats behövs.',
	'absences/text': 'En sjukperiod, anmäld samma dag.',
	'absences/absence[1]/note': 'Anmälde på morgonen.',
};
// An amount as the pages write it: "3 876 kr", "3 488,40 kr" (a space
// between thousands, a comma before öre); never "3876 kr" or "SEK".
const AMOUNT = /^\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d{2})? kr$/;

describe('issue 6: the monthly report story in Chromium', { timeout: 120000 }, () => {
	let env;
	let anna;
	let karin;
	let period = '';	// YYYY-MM of the report
	let docPath = '';
	let absenceDay = '';
	let placementPath = '';
	const shown = { days: 0, amount: 0 };	// the payment basis the report shows

	before(async () => {
		env = await setup('monthly');
		anna = await env.as('anna');
		karin = await env.as('karin');
	});
	after(async () => {
		if (env) await env.close();
	});

	it('anna starts the monthly report of the first month from the placement page', async () => {
		const p = anna.page;
		await anna.goto('/');
		await anna.check('anna-start');
		await p.locator('main').getByRole('link', { name: CUSTOMER, exact: true }).first().click();
		await anna.check('anna-placement');
		placementPath = anna.pathname();
		const link = p.getByRole('link', { name: /^Månadsrapport för / }).first();
		const href = await link.getAttribute('href');
		period = new URL(href, anna.base).searchParams.get('period');
		assert.match(period ?? '', /^\d{4}-\d{2}$/, `the link names its month: ${href}`);
		await link.click();
		await anna.check('anna-new-monthly');
		assert.match(await p.locator('h1').innerText(), /Ny månadsrapport/);
		absenceDay = `${period}-20`;
	});

	it('anna answers one section "Ej aktuellt" with a motivation and adds an absence row', async () => {
		const p = anna.page;
		for (const [k, v] of Object.entries(TEXT)) await field(p, k).fill(v);
		// "Justeringar" does not apply this month.
		await p.locator('#f-adjustments').getByLabel('Ej aktuellt', { exact: true }).check();
		await field(p, 'adjustments/text').fill(NOT_APPLICABLE);
		await field(p, 'absences/absence[1]/from').fill(absenceDay);
		await field(p, 'absences/absence[1]/to').fill(`${period}-21`);
		await field(p, 'absences/absence[1]/reason').selectOption('sjuk');
		await p.locator('#f-absences-absence-1-').getByLabel('Nej', { exact: true }).check();
		await p.getByRole('button', { name: 'Spara utkast' }).last().click();
		await anna.check('anna-monthly-saved');
		docPath = anna.pathname();
		assert.match(docPath, /^\/documents\/\d+$/, 'the save leads to the document page');
		const main = await anna.mainText();
		assert.match(main, /Ej aktuellt/);
		assert.ok(main.includes(NOT_APPLICABLE), 'the motivation is shown');
		assert.ok(main.includes(absenceDay), 'the absence date is shown');
		assert.match(main, /Sjuk/);
	});

	it('anna submits it: the title says KLAR', async () => {
		const p = anna.page;
		await p.getByRole('button', { name: 'Klarmarkera' }).click();
		await anna.check('anna-monthly-submitted');
		assert.match(await p.locator('.status-box .badge').innerText(), /Klarmarkerad/);
		assert.match(await anna.mainText(), /Månadsrapport, [a-zé]+ \d{4}, KLAR/, 'the report is titled KLAR');
	});

	it('karin finds it on her start page and approves it; the amounts read "3 876 kr"', async () => {
		const p = karin.page;
		await karin.goto('/');
		await karin.check('karin-start');
		await p.locator(`main a[href="${docPath}"]`).first().click();
		await karin.check('karin-monthly');
		await p.getByRole('button', { name: 'Godkänn' }).click();
		await karin.check('karin-monthly-approved');
		assert.match(await p.locator('.status-box .badge').innerText(), /Godkänd/);
		const amounts = await p.locator('.amount').allInnerTexts();
		assert.ok(amounts.length > 0, 'the payment basis shows an amount');
		for (const a of amounts) assert.match(a.trim(), AMOUNT);
		shown.amount = Number(amounts[0].trim().replace(/[ \u00a0]|kr/g, '').replace(',', '.'));
		shown.days = Number(/(\d+) av \d+/.exec(await p.locator('.payment').innerText())?.[1]);
		assert.ok(shown.amount > 0 && shown.days > 0, `read the payment basis: ${JSON.stringify(shown)}`);
		assert.match(await p.locator('main').innerText(), /\b3[ \u00a0]876[ \u00a0]kr\b/, 'the monthly amount of AMI2');
	});

	it('karin downloads the payment basis of the month with the report as a row', async (t) => {
		const p = karin.page;
		// Submitted today: paid in the run of the first cut-off (the 7th of a
		// month) on or after today, which is the report's month only when in time.
		const cutoff = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)), 7))
			.toISOString().slice(0, 10);
		const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
		let runMonth = period;
		if (today > cutoff) {
			const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, 1));
			if (Number(today.slice(8)) <= 7) d.setUTCMonth(d.getUTCMonth() - 1);
			runMonth = d.toISOString().slice(0, 7);
		}
		// A way to the file on a page she can reach; else the address typed.
		await karin.goto('/');
		await karin.check('karin-start-payments');
		const link = p.locator('main a[href^="/payments"]');
		const form = p.locator('main form[action="/payments"]');
		let csv;
		if (await form.count() > 0) {
			await form.getByLabel(/Månad/).fill(runMonth);
			csv = await downloadText(p, () => form.getByRole('button', { name: 'Hämta CSV' }).click());
			assert.equal(csv.name, `betalningsunderlag-${runMonth}.csv`, 'the file is named after the month');
		} else if (await link.count() > 0) {
			csv = await downloadText(p, () => link.first().click());
		} else {
			t.diagnostic('no link to /payments on the start page: the address is typed');
			csv = await downloadText(p, () => p.goto(`${karin.base}/payments?month=${runMonth}`).catch(() => {}));
		}
		await writeFile(join(OUT, `monthly-payments-${runMonth}.csv`), csv.text);
		const lines = csv.text.trim().split(/\r?\n/);
		assert.equal(lines[0], 'anordnare,insats,kundreferens,avser,underlag,dagar,belopp,sen,orsak');
		const row = lines.find((l) => l.includes('K-1'));
		assert.ok(row, `a row for Eva Ek (K-1) in ${JSON.stringify(lines)}`);
		const [org, placement, ref, month, kind, days, amount, late] = row.split(',');
		assert.equal(month, period, 'the row names the month it is for');
		assert.equal(kind, 'månadsrapport');
		assert.equal(org, 'Framtid AB');
		assert.equal(`/placements/${placement}`, placementPath, 'the placement of the report');
		assert.equal(ref, 'K-1');
		// The same days and amount as the approved report shows.
		assert.equal(Number(days), shown.days, 'days in the placement that month');
		assert.equal(Number(amount).toFixed(2), shown.amount.toFixed(2), 'amount in kronor');
		assert.equal(late, runMonth === period ? 'nej' : 'ja');
	});
});
