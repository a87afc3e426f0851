/* Aftercare's Web Push handler, loaded into the generated service worker (workbox importScripts): shows each push as a
   notification and, on a tap, marks it read and opens its screen in the app. Payload: { id, kind, title, body, link }. */
/* eslint-disable */
'use strict';

/** Only the app's own screens ("#/…"); anything else opens the home screen. */
function aftercareLink(link) {
  return typeof link === 'string' && /^#\/[\w\-/.~%?=&]*$/.test(link) ? link : '#/';
}

self.addEventListener('push', function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  var title = typeof data.title === 'string' && data.title !== '' ? data.title : 'Aftercare';
  var urgent = data.kind === 'alert' || data.kind === 'alert-escalated';
  var shown = self.registration.showNotification(title, {
    body: typeof data.body === 'string' ? data.body : '',
    tag: typeof data.id === 'string' ? data.id : undefined,
    icon: '/icon.svg',
    badge: '/icon.svg',
    requireInteraction: urgent,
    data: { id: typeof data.id === 'string' ? data.id : null, link: aftercareLink(data.link) },
  });
  // Open pages update their unread badge (told the id only, and whether the browser showed it).
  var told = shown
    .then(
      function () {
        return true;
      },
      function () {
        return false;
      },
    )
    .then(function (wasShown) {
      return self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (clients) {
        clients.forEach(function (client) {
          client.postMessage({ type: 'aftercare-notification', id: data.id, shown: wasShown });
        });
      });
    });
  event.waitUntil(told);
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var data = event.notification.data || {};
  var url = new URL('/' + aftercareLink(data.link), self.location.origin).href;
  var markRead =
    typeof data.id === 'string'
      ? fetch('/api/v1/me/notifications/' + encodeURIComponent(data.id) + '/read', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: '{}',
        }).catch(function () {})
      : Promise.resolve();
  var opened = self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (clients) {
    for (var i = 0; i < clients.length; i += 1) {
      var client = clients[i];
      if (new URL(client.url).origin === self.location.origin && 'focus' in client) {
        return client
          .focus()
          .then(function (focused) {
            return focused.navigate(url);
          })
          .catch(function () {
            // A page this worker does not control cannot be moved: open the screen in a new one.
            return self.clients.openWindow(url);
          });
      }
    }
    return self.clients.openWindow(url);
  });
  event.waitUntil(Promise.all([markRead, opened]));
});
