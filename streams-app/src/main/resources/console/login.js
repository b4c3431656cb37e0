'use strict';
(async () => {
  await Flipad.session();
  const form = document.getElementById('login-form');
  const error = document.getElementById('login-error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      await Flipad.postJson('/console/api/login', {
        user: document.getElementById('user').value,
        password: document.getElementById('password').value,
      });
      window.location.assign('/console/');
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });
})();
