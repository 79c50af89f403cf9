// Issue 12 in a real browser: karin queues Eva Ek at Steget Vidare from
// her start page, bo sees the case on his start page and staffs it, karin
// attaches a part-time assignment (a refused form keeps what she typed),
// bo records the start meeting and opens the plan form, which shows the
// assignment and does not ask for the part-time reason again; karin
// records the ending decision.  Every page is scanned by axe-core and
// photographed into tests/e2e/out/.  The tests run in order on one stack.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './lib.mjs';

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const ASSIGNMENT = 'Arbetsprövning i butik med fokus på uthållighet.';
const REASON = 'Halvtid de första veckorna på grund av hälsoskäl.';

describe('issue 12: the case flow in Chromium', { timeout: 150000 }, () => {
	let env;
	let karin;
	let bo;
	let placementPath = '';

	before(async () => {
		env = await setup('caseflow');
		karin = await env.as('karin');
		bo = await env.as('bo');
	});
	after(async () => {
		if (env) await env.close();
	});

	it('karin queues Eva Ek at Steget Vidare from her start page', async () => {
		const p = karin.page;
		await karin.goto('/');
		await karin.check('karin-start');
		await p.getByRole('link', { name: 'Ställ kund i kö hos anordnare' }).click();
		await karin.check('karin-queue');
		await p.locator('#f-customer').selectOption({ label: 'Eva Ek (19850312-2387)' });
		await p.locator('#f-provider').selectOption({ label: 'Steget Vidare' });
		await p.locator('#f-code').selectOption('AMI1');
		await p.locator('#f-start').fill(today());
		await p.getByRole('button', { name: 'Ställ i kö' }).click();
		await karin.check('karin-queued');
		assert.match(karin.path(), /^\/placements\/\d+\?m=queued$/, 'on the new placement');
		placementPath = karin.pathname();
		assert.match(await karin.mainText(), /Kunden är ställd i kö/);
	});

	it('bo finds the case on his start page and staffs it', async () => {
		const p = bo.page;
		await bo.goto('/');
		await bo.check('bo-start');
		const steps = p.locator('section', { has: p.locator('#h-steps') });
		const row = steps.getByRole('row').filter({ hasText: 'Bemanna ärendet' }).first();
		await row.getByRole('link').click();
		await bo.check('bo-placement');
		assert.equal(bo.pathname(), placementPath, 'the queued placement');
		await p.locator('#f-staff_name').fill('Bertil Jobbexpert');
		await p.getByRole('button', { name: 'Spara bemanning' }).click();
		await bo.check('bo-staffed');
		assert.match(await bo.mainText(), /Ärendet är bemannat/);
		assert.match(await bo.mainText(), /Bertil Jobbexpert/);
	});

	it('karin attaches a part-time assignment; a missing reason is shown at its field', async () => {
		const p = karin.page;
		await karin.goto(placementPath);
		await karin.check('karin-assign-form');
		await p.locator('#f-assignment').fill(ASSIGNMENT);
		await p.locator('#f-extent-parttime').check();
		await p.locator('#f-future_plan').fill('Arbete inom handel.');
		await p.getByRole('button', { name: 'Spara uppdraget' }).click();
		await karin.check('karin-assign-refused', { status: 422 });
		assert.equal(await p.locator('#f-assignment').inputValue(), ASSIGNMENT, 'kept');
		assert.ok(await p.locator('#f-extent-parttime').isChecked(), 'choice kept');
		await p.locator('#f-part_time_reason').fill(REASON);
		await p.getByRole('button', { name: 'Spara uppdraget' }).click();
		await karin.check('karin-assigned');
		assert.match(await karin.mainText(), /Uppdraget och framtidsplanen är inlagda/);
	});

	it('bo records the start meeting and the plan form shows the assignment', async () => {
		const p = bo.page;
		await bo.goto(placementPath);
		await bo.check('bo-meeting-form');
		await p.locator('#f-meeting_on').fill(today());
		await p.getByRole('button', { name: 'Spara mötet' }).click();
		await bo.check('bo-meeting');
		await p.getByRole('link', { name: 'Påbörja genomförandeplan' }).click();
		await bo.check('bo-plan-form');
		const text = await bo.mainText();
		assert.match(text, /Uppdraget som planen ska följa/);
		assert.ok(text.includes(REASON), 'the reason from the counsellor');
		assert.equal(await p.locator('textarea[name="scope/parttimeReason"]').count(), 0,
			'the reason is not typed anew');
	});

	it('bo books a follow-up meeting and karin records that the plan must be revised', async () => {
		const p = bo.page;
		await bo.goto(placementPath);
		await bo.check('bo-before-follow-up');
		await p.locator('summary', { hasText: 'Boka uppföljningsmöte' }).click();
		await p.locator('#f-follow_up_on').fill(today());
		await p.locator('#f-note').fill('Hur går praktiken?');
		await p.getByRole('button', { name: 'Boka mötet' }).click();
		await bo.check('bo-follow-up');
		assert.match(await bo.mainText(), /Uppföljningsmötet är bokat/);
		const k = karin.page;
		await karin.goto(placementPath);
		await karin.check('karin-follow-up');
		await k.locator('textarea[name="outcome"]').first().fill('Praktiken byts mot lager: målen ändras.');
		await k.locator('input[name="revise_plan"]').check();
		await k.getByRole('button', { name: 'Spara utfall' }).click();
		await karin.check('karin-outcome');
		const text = await karin.mainText();
		assert.match(text, /Utfallet av uppföljningsmötet är sparat/);
		assert.match(text, /Genomförandeplanen ska revideras/);
	});

	it('karin sees the category and read log of a protected customer', async () => {
		const p = karin.page;
		await karin.goto('/');
		await karin.check('karin-start-again');
		await p.locator('main').getByRole('link', { name: 'Maria Skog', exact: true }).first().click();
		await karin.check('karin-protected');
		await p.locator('summary', { hasText: 'Senaste läsningarna' }).click();
		const text = await karin.mainText();
		assert.match(text, /Skyddad identitet: skyddad folkbokföring/);
		assert.match(text, /Karin Karlsson \(karriärvägledare\): GET \/placements\//);
	});

	it('karin records the ending decision', async () => {
		const p = karin.page;
		await karin.goto(placementPath);
		await karin.check('karin-end-form');
		await p.locator('summary', { hasText: 'Beslut om avslut' }).click();
		await p.locator('#f-ending-early').check();
		await p.locator('#f-decided_on').fill(today());
		await p.locator('#f-end_date').fill(today());
		await p.getByRole('button', { name: 'Spara beslut om avslut' }).click();
		await karin.check('karin-ended');
		const text = await karin.mainText();
		assert.match(text, /Beslutet om avslut är sparat/);
		assert.match(text, /Avslutad i förtid/);
	});
});
