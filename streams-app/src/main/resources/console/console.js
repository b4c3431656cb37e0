'use strict';
// Shared by the console's pages: the session and its CSRF token, JSON calls, and building
// elements without innerHTML (every value shown comes from uploads and must never become markup).
const Flipad = (() => {
  let csrfToken = null;

  async function session() {
    const response = await fetch('/console/api/session', { credentials: 'same-origin' });
    const body = await response.json();
    csrfToken = body.csrfToken;
    return body;
  }

  async function answer(response) {
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    // A lost session sends the page to the log-in; a failed log-in stays to show its message.
    const code = body && body.error ? body.error.code : '';
    if (response.status === 401 && code !== 'WRONG_CREDENTIALS') {
      window.location.assign('/console/login');
    }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : 'HTTP ' + response.status;
      throw new Error(message);
    }
    return body;
  }

  async function getJson(url) {
    return answer(await fetch(url, { credentials: 'same-origin' }));
  }

  async function postJson(url, payload) {
    return answer(
      await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
        body: JSON.stringify(payload),
      }),
    );
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === 'className') {
        node.className = value;
      } else if (key === 'dataset') {
        Object.assign(node.dataset, value);
      } else {
        node.setAttribute(key, value);
      }
    });
    children.flat().forEach((child) => {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : String(child));
      }
    });
    return node;
  }

  function number(value, digits) {
    if (value === null || value === undefined) {
      return '–';
    }
    const magnitude = Math.abs(value);
    if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) {
      return value.toExponential(digits);
    }
    return value.toFixed(digits);
  }

  function imageUrl(sha256) {
    return '/console/api/image?sha256=' + encodeURIComponent(sha256);
  }

  function uploadUrl(uploadId) {
    return '/console/upload?id=' + encodeURIComponent(uploadId);
  }

  // Fills the header (user, role, log-out) of a logged-in page; returns the session.
  async function header() {
    const current = await session();
    if (!current.user) {
      window.location.assign('/console/login');
      return current;
    }
    document.getElementById('who').textContent = current.user + ' (' + current.role + ')';
    document.getElementById('logout').addEventListener('click', async () => {
      await postJson('/console/api/logout', {});
      window.location.assign('/console/login');
    });
    return current;
  }

  return { session, getJson, postJson, el, number, imageUrl, uploadUrl, header };
})();
