// Mail (issue 16) in Chromium: how a person gets it, from the account page to the choice,
// made with the keyboard and kept, in Swedish and English, on a phone; a meeting's
// invitation sent from its page into the outbox. Axe-clean throughout.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  assertAccessible, clickAndLoad, followFrom, loggedInPage, openDemoProject, screenshot,
  switchLanguage, url, withLoggedInPage,
} from './support.mjs';

describe('Mails fra Fremdrift', () => {
  let page;
  withLoggedInPage((p) => { page = p; });

  test('the choice is made with the keyboard and kept', async () => {
    await followFrom(page, '/account', 'Mails fra Fremdrift: vælg hvordan og hvor ofte',
      '/account/mail', 'Mails fra Fremdrift');
    const group = page.getByRole('group', { name: 'Hvordan vil du have mails?' });
    assert.equal(await group.getByRole('radio', { name: 'Med det samme' }).isChecked(), true);
    await screenshot(page, 'mail-01-preference-da');
    await assertAccessible(page, 'mail preference (da)');
    // Arrow keys move the choice within the group; Enter submits the form.
    await group.getByRole('radio', { name: 'Med det samme' }).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await group.getByRole('radio', { name: 'Samlet én gang om dagen' }).isChecked(), true);
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.getByRole('status').getByText('Dit valg er gemt.').waitFor();
    assert.equal(
      await page.getByRole('radio', { name: 'Samlet én gang om dagen' }).isChecked(), true,
      'the page shows what was saved',
    );
    const api = await (await page.request.get(url('/api/v1/me/mail-preference'))).json();
    assert.equal(api.delivery, 'daily_digest');
    await screenshot(page, 'mail-02-saved-da');
    await assertAccessible(page, 'mail preference saved');
    await page.getByRole('radio', { name: 'Med det samme' }).check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Gem valget' }));
  });

  test('the invitation to a meeting is sent from its page and waits in the outbox', async () => {
    await openDemoProject(page);
    const projectId = new URL(page.url()).pathname.split('/')[2];
    const meetings = await (await page.request.get(url(`/api/v1/projects/${projectId}/meetings`))).json();
    assert.ok(meetings.items.length > 0, 'the demo project has meetings');
    const meeting = meetings.items[0];
    await page.goto(url(`/projects/${projectId}/meetings/${meeting.id}`));
    await page.getByRole('heading', { level: 1, name: meeting.title }).waitFor();
    await clickAndLoad(page, page.getByRole('button', { name: 'Send invitation på mail' }));
    const status = page.getByRole('status').getByText(/^Invitationer på vej: \d+\. Inviterede uden mailadresse: \d+\.$/);
    await status.waitFor();
    const [queued, skipped] = (await status.textContent()).match(/\d+/g).map(Number);
    const invited = await (await page.request.get(url(`/api/v1/meetings/${meeting.id}/attendance`))).json();
    assert.equal(queued + skipped, invited.items.length, 'everyone invited is counted once');
    await screenshot(page, 'mail-05-meeting-invited');
    await assertAccessible(page, 'meeting page after sending the invitation');
    const outbox = await (await page.request.get(url('/api/v1/outbox?status=pending'))).json();
    assert.equal(
      outbox.items.filter((m) => m.kind === 'meeting_invitation').length, queued,
      'the invitations wait in the outbox (the demo has no mail server)',
    );
  });

  test('the page in Swedish and English', async () => {
    await switchLanguage(page, '/account/mail', 'sv');
    await page.getByRole('heading', { level: 1, name: 'Mejl från Fremdrift' }).waitFor();
    await page.getByRole('radio', { name: 'Samlat en gång om dagen' }).waitFor();
    await screenshot(page, 'mail-03-preference-sv');
    await assertAccessible(page, 'mail preference (sv)');
    await switchLanguage(page, '/account/mail', 'en');
    await page.getByRole('heading', { level: 1, name: 'Mail from Fremdrift' }).waitFor();
    await page.getByRole('radio', { name: 'No mail' }).waitFor();
    await assertAccessible(page, 'mail preference (en)');
    await switchLanguage(page, '/account/mail', 'da');
  });

  test('the page fits a phone', async () => {
    const phone = await loggedInPage(page.context().browser(), { width: 390, height: 844 });
    await phone.goto(url('/account/mail'));
    await phone.getByRole('heading', { level: 1, name: 'Mails fra Fremdrift' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no sideways scrolling');
    await screenshot(phone, 'mail-04-preference-phone');
    await assertAccessible(phone, 'mail preference on a phone');
  });
});
