// A local draft of the map survives a reload or a lost connection: nothing a
// workshop drew is lost before it is saved.

const key = (mapId) => `fremdrift-map-draft:${mapId}`;

export function readDraft(mapId) {
  try {
    const value = JSON.parse(window.localStorage.getItem(key(mapId)) || 'null');
    return value && typeof value.xml === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function writeDraft(mapId, baseVersion, xml) {
  try {
    window.localStorage.setItem(key(mapId), JSON.stringify({ baseVersion, xml, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: the map still saves to the server.
  }
}

export function clearDraft(mapId) {
  try {
    window.localStorage.removeItem(key(mapId));
  } catch {
    // nothing to clear
  }
}
