/** The options page: every setting, saved at once; open articles apply changes through storage.onChanged. */

import { ENTITY_KINDS, type EntityKind } from '../core/knowledge/kinds';
import type { GlossaryMode } from '../core/settings';
import { localisePage, t, type MessageKey } from '../shared/i18n';
import { loadSettings, saveSettings } from '../shared/settings';
import { showAbout } from './about';

async function main(): Promise<void> {
  localisePage(document);
  showAbout(document);
  const settings = await loadSettings();
  const enabled = document.getElementById('enabled') as HTMLInputElement;
  enabled.checked = settings.enabled;
  enabled.addEventListener('change', () => void saveSettings({ enabled: enabled.checked }));

  const kinds = document.getElementById('kinds') as HTMLFieldSetElement;
  for (const kind of ENTITY_KINDS) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = kind;
    box.checked = settings.kinds.includes(kind);
    label.append(box, ' ', t(`kind_${kind}` as MessageKey));
    kinds.append(label);
  }
  kinds.addEventListener('change', () => {
    const chosen = [...kinds.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value as EntityKind);
    void saveSettings({ kinds: chosen });
  });

  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="mentions"]')) {
    radio.checked = radio.value === settings.mentions;
    radio.addEventListener('change', () => void saveSettings({ mentions: radio.value === 'first' ? 'first' : 'all' }));
  }

  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="glossary"]')) {
    radio.checked = radio.value === settings.glossary;
    radio.addEventListener('change', () => void saveSettings({ glossary: radio.value as GlossaryMode }));
  }

  const delay = document.getElementById('delay') as HTMLInputElement;
  delay.value = String(settings.cardDelayMs);
  delay.addEventListener('change', () => {
    const ms = Math.min(3000, Math.max(0, Number(delay.value) || 0));
    void saveSettings({ cardDelayMs: ms });
  });
  document.body.dataset.ready = 'true';
}

void main();
