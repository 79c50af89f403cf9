// Issue 6, in a real browser with JavaScript switched off: anna writes an
// implementation plan with the mouse and keyboard as a person would (adds
// sub-goals and activities, removes one, saves with a missing follow-up
// date and corrects it), karin returns it with a comment, anna completes it,
// karin approves; the history shows every step, the approved plan prints
// as a clean A4 page, and bo (another provider) cannot reach it by editing
// the URL.  Every page is scanned by axe-core and photographed into
// tests/e2e/out/.  The tests of this file run in order on one stack.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { setup, field, fieldId, snapshotViolations, OUT } from './lib.mjs';

const CUSTOMER = 'Eva Ek';
const TYPED = {
	goal: 'Arbete inom lager och logistik på minst halvtid.',
	'subgoals/subgoal[1]': 'Truckkort A och B.',
	'subgoals/subgoal[2]': 'Praktik hos en arbetsgivare i Nacka.',
	'activities/activity[1]/what': 'Truckutbildning',
	'activities/activity[1]/how': 'Kurs hos extern utbildare, fyra dagar.',
	'activities/activity[1]/when': 'Vecka 12',
	'activities/activity[2]/what': 'Studiebesök som ska tas bort',
	'activities/activity[2]/how': 'Buss till lagret i Orminge.',
	'activities/activity[2]/when': 'Vecka 13',
	'activities/activity[3]/what': 'Praktik på lager',
	'activities/activity[3]/how': 'Handledare på plats, tre dagar i veckan.',
	'activities/activity[3]/when': 'Vecka 14–20, mån–ons 8–16',
	'signatures/customer/signedBy': 'Eva Ek',
	'signatures/customer/date': '2024-03-01',
	'signatures/provider/signedBy': 'Anna Andersson',
	'signatures/provider/date': '2024-03-02',
};
// After "Ta bort" on activity 2, activity 3 becomes activity 2.
const AFTER_REMOVE = Object.fromEntries(Object.entries(TYPED)
	.filter(([k]) => !k.startsWith('activities/activity[2]'))
	.map(([k, v]) => [k.replace('activity[3]', 'activity[2]'), v]));
const FOLLOW_UP = '2024-04-15';
const COMMENT = 'Beskriv hur praktiken följs upp med handledaren.';
const SUBGOAL_2_EDITED = 'Praktik hos en arbetsgivare i Nacka, med uppföljning varannan vecka.';

describe('issue 6: the plan story in Chromium without JavaScript', { timeout: 120000 }, () => {
	let env;
	let anna;
	let karin;
	let docPath = '';	// /documents/ID of the plan
	let placementPath = '';	// /placements/ID of Eva Ek's placement

	before(async () => {
		env = await setup('plan');
		anna = await env.as('anna', { javaScriptEnabled: false });
		karin = await env.as('karin', { javaScriptEnabled: false });
		// The accessibility scan must see what it looks for, or every page
		// would pass it: an unlabelled input (critical) and an image without
		// alt, in a page served like the others.  Set-up, not a test: when
		// it fails the suite is cancelled, which make test counts as failed.
		const bad = '<!DOCTYPE html><html lang="sv"><head><title>x</title>' +
			'<link rel="stylesheet" href="/static/insats.css"></head><body><main><h1>x</h1>' +
			'<form><input type="text" name="q"></form><p class="empty-list">Ej ifyllt</p>' +
			'<img src="/static/none.png"></main></body></html>';
		const found = await snapshotViolations(env, bad);
		assert.ok(found.includes('critical:label'), `an input without a label is critical: ${found}`);
		assert.ok(found.some((v) => /^(critical|serious):image-alt$/.test(v)), `an image without alt: ${found}`);
	});
	after(async () => {
		if (env) await env.close();
	});

	/** The values of the plan form's fields named in EXPECTED, read from the page. */
	async function values(v, expected) {
		const out = {};
		for (const name of Object.keys(expected)) out[name] = await field(v.page, name).inputValue();
		return out;
	}

	it('anna opens a new plan for Eva Ek from her start page', async () => {
		await anna.goto('/');
		await anna.check('anna-start');
		await anna.page.locator('main').getByRole('link', { name: CUSTOMER, exact: true }).first().click();
		await anna.check('anna-placement');
		await anna.page.getByRole('link', { name: 'Påbörja genomförandeplan' }).click();
		await anna.check('anna-new-plan');
		assert.match(await anna.page.locator('h1').innerText(), /Ny genomförandeplan/);
		assert.match(await anna.mainText(), new RegExp(CUSTOMER));
	});

	it('anna adds a second sub-goal and two more activities, then removes one', async () => {
		const p = anna.page;
		await field(p, 'goal').fill(TYPED.goal);
		await field(p, 'subgoals/subgoal[1]').fill(TYPED['subgoals/subgoal[1]']);
		await p.getByRole('button', { name: 'Lägg till delmål' }).click();
		await anna.check('anna-plan-subgoal-added');
		await field(p, 'subgoals/subgoal[2]').fill(TYPED['subgoals/subgoal[2]']);
		for (const k of ['what', 'how', 'when']) {
			await field(p, `activities/activity[1]/${k}`).fill(TYPED[`activities/activity[1]/${k}`]);
		}
		for (const n of [2, 3]) {
			await p.getByRole('button', { name: 'Lägg till aktivitet' }).click();
			await anna.check(`anna-plan-activity-${n}-added`);
			for (const k of ['what', 'how', 'when']) {
				await field(p, `activities/activity[${n}]/${k}`).fill(TYPED[`activities/activity[${n}]/${k}`]);
			}
		}
		for (const k of Object.keys(TYPED).filter((x) => x.startsWith('signatures/'))) {
			await field(p, k).fill(TYPED[k]);
		}
		assert.deepEqual(await values(anna, TYPED), TYPED, 'everything typed is in the form');

		await p.getByRole('button', { name: 'Ta bort aktivitet 2' }).click();
		await anna.check('anna-plan-activity-removed');
		assert.equal(await p.locator('[name^="activities/activity["][name$="]/what"]').count(), 2,
			'two activities remain');
		assert.deepEqual(await values(anna, AFTER_REMOVE), AFTER_REMOVE,
			'activity 3 moved up to 2, the rest is unchanged');
		assert.doesNotMatch(await anna.mainText(), /Studiebesök som ska tas bort/);
	});

	it('anna saves without a follow-up date and sees the message at that field, nothing lost', async () => {
		const p = anna.page;
		assert.equal(await field(p, 'followUp').inputValue(), '');
		await p.getByRole('button', { name: 'Spara utkast' }).first().click();
		await anna.check('anna-plan-missing-followup', { status: 422 });

		// The summary at the top names the field and links to it.
		const summary = p.locator('.error-summary[role="alert"]');
		await assert.doesNotReject(summary.waitFor({ state: 'visible' }), 'an error summary (role=alert)');
		const link = summary.locator(`a[href="#${fieldId('followUp')}"]`);
		assert.equal(await link.count(), 1, 'the summary links to the follow-up date');
		assert.match(await link.innerText(), /uppföljning/i);
		const box = await summary.boundingBox();
		assert.ok(box && box.y < 400, `the summary is at the top of the page (y=${box?.y})`);

		// The message is next to the field, and the field points at it.
		const input = p.locator(`#${fieldId('followUp')}`);
		assert.equal(await input.getAttribute('aria-invalid'), 'true');
		const described = await input.getAttribute('aria-describedby');
		assert.ok(described, 'the field has aria-describedby');
		const msg = p.locator(`#${described.split(/\s+/)[0]}`);
		assert.ok((await msg.innerText()).trim().length > 3, 'the message has words');
		const [mb, ib] = [await msg.boundingBox(), await input.boundingBox()];
		assert.ok(mb && ib && Math.abs(mb.y - ib.y) < 120, 'the message is right next to the field');
		assert.equal(await p.locator('[aria-invalid="true"]').count(), 1, 'only the follow-up date is wrong');

		// Everything else is still filled in.
		assert.deepEqual(await values(anna, AFTER_REMOVE), AFTER_REMOVE);

		// The summary link leads to the field.
		await link.click();
		assert.equal(new URL(p.url()).hash, `#${fieldId('followUp')}`);
		assert.ok(await input.isVisible());
	});

	it('anna fills in the date, saves and submits the plan', async () => {
		const p = anna.page;
		await field(p, 'followUp').fill(FOLLOW_UP);
		await p.getByRole('button', { name: 'Spara utkast' }).first().click();
		await anna.check('anna-plan-saved');
		docPath = anna.pathname();
		placementPath = await p.locator('.placement-box a[href^="/placements/"]').getAttribute('href');
		assert.match(docPath, /^\/documents\/\d+$/, 'a save leads to the document page');
		assert.match(await p.locator('[role="status"]').innerText(), /sparat/i);
		const main = await anna.mainText();
		for (const t of Object.values(AFTER_REMOVE)) assert.ok(main.includes(t), `the saved plan shows "${t}"`);
		assert.ok(main.includes(FOLLOW_UP));

		await p.getByRole('button', { name: 'Klarmarkera' }).click();
		await anna.check('anna-plan-submitted');
		assert.equal(anna.pathname(), docPath);
		assert.match(await p.locator('.status-box .badge').innerText(), /Klarmarkerad/);
	});

	it('karin finds the plan on her start page and returns it with a comment', async () => {
		const p = karin.page;
		await karin.goto('/');
		await karin.check('karin-start-queue');
		const row = p.locator('main tr').filter({ has: p.locator(`a[href="${docPath}"]`) }).first();
		assert.match(await row.innerText(), new RegExp(`Genomförandeplan[\\s\\S]*${CUSTOMER}`), 'the plan is in her queue');
		await row.locator(`a[href="${docPath}"]`).first().click();
		await karin.check('karin-plan-to-review');
		await p.getByLabel(/Kommentar till anordnaren/).fill(COMMENT);
		await p.getByRole('button', { name: 'Återremittera' }).click();
		await karin.check('karin-plan-returned');
		assert.match(await p.locator('.status-box .badge').innerText(), /Återremitterad/);
	});

	it('anna sees the comment, edits the plan and submits it again', async () => {
		const p = anna.page;
		await anna.goto('/');
		await anna.check('anna-start-returned');
		const row = p.locator('main tr').filter({ has: p.locator(`a[href="${docPath}"]`) }).first();
		assert.match(await row.innerText(), /Återremitterad/);
		await row.locator(`a[href="${docPath}"]`).first().click();
		await anna.check('anna-plan-with-comment');
		const box = p.locator('.return-comment');
		assert.ok(await box.isVisible(), 'the comment is shown');
		assert.match(await box.innerText(), new RegExp(COMMENT));
		const [cb, hb] = [await box.boundingBox(), await p.locator('.doc-content').boundingBox()];
		assert.ok(cb.y < hb.y, 'the comment comes before the content');

		await p.getByRole('link', { name: 'Redigera' }).click();
		await anna.check('anna-plan-edit');
		await field(p, 'subgoals/subgoal[2]').fill(SUBGOAL_2_EDITED);
		await p.getByRole('button', { name: 'Spara utkast' }).first().click();
		await anna.check('anna-plan-edited');
		assert.ok((await anna.mainText()).includes(SUBGOAL_2_EDITED));
		await p.getByRole('button', { name: 'Klarmarkera' }).click();
		await anna.check('anna-plan-resubmitted');
		assert.match(await p.locator('.status-box .badge').innerText(), /Klarmarkerad/);
	});

	it('karin approves, and the history shows all four steps', async () => {
		const p = karin.page;
		await karin.goto('/');
		await karin.check('karin-start-again');
		await p.locator(`main a[href="${docPath}"]`).first().click();
		await karin.check('karin-plan-resubmitted');
		await p.getByRole('button', { name: 'Godkänn' }).click();
		await karin.check('karin-plan-approved');
		assert.match(await p.locator('.status-box .badge').innerText(), /Godkänd/);

		await p.getByRole('link', { name: 'Historik' }).click();
		await karin.check('karin-plan-history');
		const rows = await p.locator('table.history-table tbody tr').allInnerTexts();
		const steps = rows.filter((r) => /Klarmarkerade|Återremitterade|Godkände/.test(r));
		assert.equal(steps.length, 4, `four workflow steps in ${JSON.stringify(rows)}`);
		assert.match(steps[0], /Anna Andersson[\s\S]*Klarmarkerade[\s\S]*Utkast → Klarmarkerad/);
		assert.match(steps[1], /Karin Karlsson[\s\S]*Återremitterade[\s\S]*Klarmarkerad → Återremitterad/);
		assert.ok(steps[1].includes(COMMENT), 'the return comment is in the history');
		assert.match(steps[2], /Anna Andersson[\s\S]*Klarmarkerade[\s\S]*Återremitterad → Klarmarkerad/);
		assert.match(steps[3], /Karin Karlsson[\s\S]*Godkände[\s\S]*Klarmarkerad → Godkänd/);
		for (const r of rows) assert.match(r, /\b20\d\d-\d\d-\d\d \d\d:\d\d\b/, 'each step has its time');
	});

	it('prints the approved plan as a clean A4 page', async () => {
		const p = karin.page;
		await karin.goto(docPath);
		await karin.check('karin-plan-for-print');
		await p.emulateMedia({ media: 'print' });
		try {
			const shown = async (sel) => p.locator(sel).first().evaluate((el) => {
				for (let e = el; e; e = e.parentElement) {
					const cs = getComputedStyle(e);
					if (cs.display === 'none' || cs.visibility === 'hidden') return false;
				}
				return el.getClientRects().length > 0;
			});
			for (const sel of ['.site-nav', '.skip-link', 'form', 'button', '.actions', '.site-footer',
				'a[href$="/history"]']) {
				if (await p.locator(sel).count() === 0) continue;
				const all = await p.locator(sel).evaluateAll((els) => els.map((el) => {
					for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return false;
					return true;
				}));
				assert.ok(all.every((x) => !x), `${sel} is hidden in print`);
			}
			for (const sel of ['h1', '.status-box .badge', '.placement-box', '.signatures', '.doc-content']) {
				assert.ok(await shown(sel), `${sel} is printed`);
			}
			const text = await p.locator('main').innerText();
			for (const t of [CUSTOMER, 'AMI2', 'Godkänd', 'Revision', 'Underskrifter', 'Anna Andersson',
				'2024-03-01', 'Framtid AB', FOLLOW_UP]) {
				assert.ok(text.includes(t), `the printed page shows "${t}"`);
			}
			assert.match(text, /Revision\s*1/);
			await p.screenshot({ path: join(OUT, 'plan-print-emulated.png'), fullPage: true });
			const pdf = join(OUT, 'plan-approved.pdf');
			await p.pdf({ path: pdf, format: 'A4', printBackground: false });
			const bytes = await readFile(pdf);
			assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
			assert.ok((await stat(pdf)).size > 5000, 'the PDF has content');
			const box = /\/MediaBox\s*\[\s*0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*\]/.exec(bytes.toString('latin1'));
			assert.ok(box, 'the PDF names its page size');
			assert.ok(Math.abs(Number(box[1]) - 595) < 2 && Math.abs(Number(box[2]) - 842) < 2,
				`A4 is 595 x 842 points, got ${box[1]} x ${box[2]}`);
		} finally {
			await p.emulateMedia({ media: 'screen' });
		}
	});

	it("bo cannot reach anna's plan, its customer or its placement by editing the URL", async () => {
		const bo = await env.as('bo', { javaScriptEnabled: false });
		await bo.goto('/');
		await bo.check('bo-start');
		const placement = placementPath;
		assert.match(placement, /^\/placements\/\d+$/);
		const id = docPath.split('/').pop();
		const paths = [docPath, `${docPath}/edit`, `${docPath}/history`, `${docPath}?format=xml`,
			placement, `/documents/new?placement=${placement.split('/').pop()}&kind=plan`];
		for (const [i, path] of paths.entries()) {
			await bo.goto(path);
			const st = bo.status();
			assert.ok(st === 403 || st === 404, `${path} as bo: 403 or 404, got ${st}`);
			await bo.check(`bo-denied-${i + 1}`, { status: st });
			const body = await bo.page.locator('body').innerText();
			for (const secret of [CUSTOMER, TYPED.goal, '19850312']) {
				assert.ok(!body.includes(secret), `${path}: bo does not see "${secret}"`);
			}
			assert.ok(await bo.page.getByRole('link', { name: /startsida/i }).count() > 0, 'a way back home');
		}
		assert.ok(id);
	});
});
