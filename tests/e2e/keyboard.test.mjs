// Issue 6: the plan story with the keyboard alone (Tab, Shift+Tab, Enter,
// Space, typing; never the mouse), JavaScript on.  Every element the focus
// passes must match :focus-visible and draw an outline or a ring (computed
// style), and every page is scanned by axe-core and photographed into
// tests/e2e/out/.  The tests of this file run in order on one stack.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, field } from './lib.mjs';

const CUSTOMER = 'Eva Ek';
const TEXT = {
	goal: 'Eget arbete inom butik och service.',
	'subgoals/subgoal[1]': 'Kassautbildning.',
	'subgoals/subgoal[2]': 'Praktik i en livsmedelsbutik.',
	'activities/activity[1]/what': 'Kassakurs',
	'activities/activity[1]/how': 'Två dagar hos utbildaren, med handledare.',
	'activities/activity[1]/when': 'Vecka 10',
	'activities/activity[2]/what': 'Aktivitet som tas bort',
	'activities/activity[2]/how': 'Ska inte synas.',
	'activities/activity[2]/when': 'Vecka 11',
	'activities/activity[3]/what': 'Praktik i butik',
	'activities/activity[3]/how': 'Handledare i butiken, fyra timmar om dagen.',
	'activities/activity[3]/when': 'Vecka 12–18',
};
const SIGNED = {
	'signatures/customer/signedBy': 'Eva Ek',
	'signatures/customer/date': '2024-03-07',
	'signatures/provider/signedBy': 'Anna Andersson',
	'signatures/provider/date': '2024-03-07',
};
const KEPT = Object.fromEntries(Object.entries({ ...TEXT, ...SIGNED })
	.filter(([k]) => !k.startsWith('activities/activity[2]'))
	.map(([k, v]) => [k.replace('activity[3]', 'activity[2]'), v]));
const FOLLOW_UP = '2024-05-20';
const COMMENT = 'Ange vem som är handledare i butiken.';

describe('issue 6: the plan story with the keyboard alone', { timeout: 120000 }, () => {
	let env;
	let anna;
	let karin;
	let docPath = '';

	before(async () => {
		env = await setup('keyboard');
		anna = await env.as('anna');
		karin = await env.as('karin');
	});
	after(async () => {
		if (env) await env.close();
	});

	/** Presses KEY on the element LOCATOR after tabbing to it; waits for the next page. */
	async function activate(v, locator, key = 'Enter', opts = {}) {
		await v.tabTo(locator, opts);
		await Promise.all([v.page.waitForEvent('load'), v.page.keyboard.press(key)]);
	}

	it('the first Tab shows the skip link, and Enter on it moves the focus to the main content', async () => {
		await anna.goto('/');
		await anna.check('anna-start');
		await anna.page.keyboard.press('Tab');
		await anna.assertVisibleFocus();
		const skip = anna.page.locator('a.skip-link');
		assert.ok(await skip.evaluate((el) => el === document.activeElement), 'the skip link comes first');
		const box = await skip.boundingBox();
		assert.ok(box && box.y >= 0 && box.height > 10, 'the focused skip link is on screen');
		await anna.page.keyboard.press('Enter');
		assert.equal(await anna.page.evaluate(() => document.activeElement.id), 'main');
	});

	it('anna opens a new plan, adds and removes rows with Space and Enter', async () => {
		const p = anna.page;
		await activate(anna, p.locator('main').getByRole('link', { name: CUSTOMER, exact: true }).first());
		await anna.check('anna-placement');
		await activate(anna, p.getByRole('link', { name: 'Påbörja genomförandeplan' }));
		await anna.check('anna-new-plan');

		await anna.typeInto(field(p, 'goal'), TEXT.goal);
		await anna.typeInto(field(p, 'subgoals/subgoal[1]'), TEXT['subgoals/subgoal[1]']);
		await activate(anna, p.getByRole('button', { name: 'Lägg till delmål' }), 'Space');
		await anna.check('anna-plan-subgoal-added');
		await anna.typeInto(field(p, 'subgoals/subgoal[2]'), TEXT['subgoals/subgoal[2]']);
		for (const k of ['what', 'how', 'when']) {
			await anna.typeInto(field(p, `activities/activity[1]/${k}`), TEXT[`activities/activity[1]/${k}`]);
		}
		for (const n of [2, 3]) {
			await activate(anna, p.getByRole('button', { name: 'Lägg till aktivitet' }), n === 2 ? 'Space' : 'Enter');
			await anna.check(`anna-plan-activity-${n}-added`);
			for (const k of ['what', 'how', 'when']) {
				await anna.typeInto(field(p, `activities/activity[${n}]/${k}`), TEXT[`activities/activity[${n}]/${k}`]);
			}
		}
		for (const [k, v] of Object.entries(SIGNED)) await anna.typeInto(field(p, k), v);
		assert.deepEqual(await anna.values({ ...TEXT, ...SIGNED }), { ...TEXT, ...SIGNED });

		// Back up with Shift+Tab to the "Ta bort" of activity 2.
		await activate(anna, p.getByRole('button', { name: 'Ta bort aktivitet 2' }), 'Enter', { back: true });
		await anna.check('anna-plan-activity-removed');
		assert.deepEqual(await anna.values(KEPT), KEPT);
		assert.equal(await field(p, 'activities/activity[3]/what').count(), 0);
	});

	it('Enter in a text field saves; the error summary link takes the focus to the empty date', async () => {
		const p = anna.page;
		await anna.tabTo(field(p, 'signatures/provider/signedBy'));
		await Promise.all([p.waitForEvent('load'), p.keyboard.press('Enter')]);
		await anna.check('anna-plan-missing-followup', { status: 422 });
		assert.deepEqual(await anna.values(KEPT), KEPT, 'nothing typed is lost');

		await activateInPage(anna, p.locator('.error-summary a[href="#f-followUp"]'));
		assert.equal(await p.evaluate(() => document.activeElement.id), 'f-followUp',
			'the summary link puts the focus in the field');
		await anna.assertVisibleFocus();
		// Type the date where the focus now is.
		await p.keyboard.type(FOLLOW_UP.slice(0, 4));
		await p.keyboard.press('ArrowRight');
		await p.keyboard.type(FOLLOW_UP.slice(5, 7) + FOLLOW_UP.slice(8));
		assert.equal(await field(p, 'followUp').inputValue(), FOLLOW_UP);
		await activate(anna, p.getByRole('button', { name: 'Spara utkast' }).last(), 'Enter');
		await anna.check('anna-plan-saved');
		docPath = anna.pathname();
		assert.match(docPath, /^\/documents\/\d+$/);

		await activate(anna, p.getByRole('button', { name: 'Klarmarkera' }), 'Enter');
		await anna.check('anna-plan-submitted');
		assert.match(await p.locator('.status-box .badge').innerText(), /Klarmarkerad/);
	});

	it('karin returns the plan with a comment, keyboard only', async () => {
		const p = karin.page;
		await karin.goto('/');
		await karin.check('karin-start');
		await activate(karin, p.locator(`main a[href="${docPath}"]`).first());
		await karin.check('karin-plan');
		await karin.typeInto(p.locator('#return-comment'), COMMENT);
		await activate(karin, p.getByRole('button', { name: 'Återremittera' }), 'Space');
		await karin.check('karin-plan-returned');
		assert.match(await p.locator('.status-box .badge').innerText(), /Återremitterad/);
	});

	it('anna reads the comment, edits and submits again, keyboard only', async () => {
		const p = anna.page;
		await anna.goto('/');
		await anna.check('anna-start-returned');
		await activate(anna, p.locator(`main a[href="${docPath}"]`).first());
		await anna.check('anna-plan-returned');
		assert.match(await p.locator('.return-comment').innerText(), new RegExp(COMMENT));
		await activate(anna, p.getByRole('link', { name: 'Redigera' }));
		await anna.check('anna-plan-edit');
		await anna.typeInto(field(p, 'subgoals/subgoal[2]'), 'Praktik i en livsmedelsbutik, handledare Per.');
		await activate(anna, p.getByRole('button', { name: 'Spara utkast' }).last(), 'Enter');
		await anna.check('anna-plan-edited');
		await activate(anna, p.getByRole('button', { name: 'Klarmarkera' }), 'Space');
		await anna.check('anna-plan-resubmitted');
	});

	it('karin approves and reads the history, keyboard only', async () => {
		const p = karin.page;
		await karin.goto('/');
		await karin.check('karin-start-again');
		await activate(karin, p.locator(`main a[href="${docPath}"]`).first());
		await karin.check('karin-plan-again');
		await activate(karin, p.getByRole('button', { name: 'Godkänn' }), 'Enter');
		await karin.check('karin-plan-approved');
		assert.match(await p.locator('.status-box .badge').innerText(), /Godkänd/);
		await activate(karin, p.getByRole('link', { name: 'Historik' }));
		await karin.check('karin-history');
		const steps = (await p.locator('table.history-table tbody tr').allInnerTexts())
			.filter((r) => /Klarmarkerade|Återremitterade|Godkände/.test(r));
		assert.deepEqual(steps.map((r) => /Klarmarkerade|Återremitterade|Godkände/.exec(r)[0]),
			['Klarmarkerade', 'Återremitterade', 'Klarmarkerade', 'Godkände']);
	});
});

/** Tabs to a same-page link and presses Enter (no new page loads). */
async function activateInPage(v, locator) {
	await v.tabTo(locator);
	await v.page.keyboard.press('Enter');
}
