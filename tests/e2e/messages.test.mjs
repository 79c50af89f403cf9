// Issue 13 in a real browser: bo (Steget Vidare) tells kalle that Ahmed
// Hassan was absent without leave; the first try lacks the contact
// attempts and comes back with everything typed kept; kalle sees the
// unread count on his start page, reads the thread (the count goes) and
// answers; bo sees the answer as unread.  Then bo reports a
// personal-data incident naming Ahmed, and kalle finds it on his start
// page with the 72-hour line.  Every page is scanned by axe-core and
// photographed into tests/e2e/out/.  The tests run in order on one stack.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './lib.mjs';

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const TEXT = 'Ahmed kom inte till arbetsplatsen i dag och har inte hört av sig.';
const ATTEMPTS = 'Ringde kl 9.15, 11.00 och 14.30, inget svar. Sms kl 14.35.';

describe('issue 13: messages and an incident in Chromium', { timeout: 150000 }, () => {
	let env;
	let bo;
	let kalle;
	let thread = '';

	before(async () => {
		env = await setup('messages');
		bo = await env.as('bo');
		kalle = await env.as('kalle');
	});
	after(async () => {
		if (env) await env.close();
	});

	it('bo opens Ahmed Hassan\'s messages from the placement page; a message without contact attempts is refused, nothing lost', async () => {
		const p = bo.page;
		await bo.goto('/');
		await bo.check('bo-start');
		await p.getByRole('link', { name: /Ahmed Hassan/ }).first().click();
		await bo.check('bo-placement');
		await p.getByRole('link', { name: 'Meddelanden om insatsen' }).click();
		await bo.check('bo-thread-empty');
		thread = bo.pathname();
		assert.match(thread, /^\/placements\/\d+\/messages$/);
		await p.locator('#f-kind').selectOption('absence');
		await p.locator('#f-text').fill(TEXT);
		await p.locator('#f-absence_from').fill(today());
		await p.getByRole('button', { name: 'Skicka meddelande' }).click();
		await bo.check('bo-message-refused', { status: 422 });
		assert.equal(await p.locator('#f-text').inputValue(), TEXT, 'the text is kept');
		assert.equal(await p.locator('#f-kind').inputValue(), 'absence', 'the kind is kept');
		assert.equal(await p.locator('#f-absence_from').inputValue(), today(), 'the date is kept');
		assert.match(await p.locator('#e-contact_attempts').innerText(), /försökte nå kunden/);
		await p.locator('#f-contact_attempts').fill(ATTEMPTS);
		await p.getByRole('button', { name: 'Skicka meddelande' }).click();
		await bo.check('bo-message-sent');
		const text = await bo.mainText();
		assert.match(text, /Meddelandet är skickat/);
		assert.ok(text.includes(ATTEMPTS), 'the contact attempts are shown');
		assert.match(text, /Skulle meddelas senast/);
		assert.doesNotMatch(text, /försenad/, 'sent the same day: on time');
	});

	it('kalle sees one unread message on his start page; reading it takes the count away; he answers', async () => {
		const p = kalle.page;
		await kalle.goto('/');
		await kalle.check('kalle-start-unread');
		assert.match(await kalle.mainText(), /1 oläst meddelande/);
		await p.getByRole('link', { name: /Ahmed Hassan.*1 nya/ }).click();
		await kalle.check('kalle-thread');
		assert.equal(kalle.pathname(), thread);
		assert.ok((await kalle.mainText()).includes(TEXT));
		assert.deepEqual(await p.locator('#f-kind option').evaluateAll((os) => os.map((o) => o.value)), ['other'],
			'the counsellor answers');
		await p.locator('#f-text').fill('Tack. Jag ringer Ahmed i morgon bitti.');
		await p.getByRole('button', { name: 'Skicka meddelande' }).click();
		await kalle.check('kalle-answered');
		await kalle.goto('/');
		await kalle.check('kalle-start-read');
		assert.match(await kalle.mainText(), /0 olästa meddelanden/);
	});

	it('bo sees the answer as unread and reads it', async () => {
		const p = bo.page;
		await bo.goto('/');
		await bo.check('bo-start-unread');
		assert.match(await bo.mainText(), /1 oläst meddelande/);
		await p.getByRole('link', { name: /Ahmed Hassan.*1 nya/ }).click();
		await bo.check('bo-thread-answer');
		assert.match(await bo.mainText(), /Jag ringer Ahmed i morgon bitti/);
	});

	it('bo reports a personal-data incident about Ahmed; kalle sees it with the 72-hour line', async () => {
		const p = bo.page;
		await bo.goto('/');
		await bo.check('bo-start-read');
		assert.match(await bo.mainText(), /0 olästa meddelanden/);
		await p.getByRole('link', { name: 'Rapportera personuppgiftsincident' }).click();
		await bo.check('bo-incident-form');
		await p.locator('#f-what').fill('Ett mejl med Ahmeds närvarolista skickades till fel mottagare.');
		await p.locator('#f-discovered_on').fill(today());
		await p.locator('#f-discovered_time').fill('00:00');
		await p.getByLabel(/Ahmed Hassan/).check();
		await p.getByRole('button', { name: 'Skicka rapporten' }).click();
		await bo.check('bo-incident-sent');
		assert.match(await bo.mainText(), /Rapporten är skickad/);
		assert.match(await bo.mainText(), /rapporterad inom 72 timmar/);
		const q = kalle.page;
		await kalle.goto('/');
		await kalle.check('kalle-start-incident');
		await q.getByRole('link', { name: /^PI-\d+$/ }).first().click();
		await kalle.check('kalle-incident');
		const text = await kalle.mainText();
		assert.match(text, /närvarolista skickades till fel mottagare/);
		assert.match(text, /Ahmed Hassan/);
		assert.match(text, /Ska rapporteras senast/);
	});
});
