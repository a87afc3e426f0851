/** Texts of the inbox ("Notifications") and of the phone notifications switch (English and Spanish). */
export const notifyEn = {
  'notify.nav': 'Notifications',
  'notify.title': 'Notifications',
  'notify.intro': 'Your reminders and news from Aftercare are all here.',
  'notify.empty': 'Nothing here yet.',
  'notify.markAllRead': 'Mark all as read',
  'notify.new': 'New',
  'notify.unread': '{count} new',
  'notify.loadFailed': 'We could not load your notifications. Try again.',
  'notify.showOlder': 'Show older',
  'notify.push.title': 'Phone notifications',
  'notify.push.checking': 'Checking this phone…',
  'notify.push.unsupported': 'This browser cannot show notifications. You will still find them all here.',
  'notify.push.blocked': 'This browser blocks them for Aftercare.',
  'notify.push.unblock':
    'To let them in: tap the lock or the icon next to the web address. Find Notifications. Set it to Allow. Then come back here.',
  'notify.push.off': 'Off on this phone. Turn them on to get reminders, even when Aftercare is closed.',
  'notify.push.on': 'On for this phone.',
  'notify.push.turnOn': 'Turn on',
  'notify.push.turnOff': 'Turn off',
  'notify.push.working': 'One moment…',
  'notify.push.failed': 'We could not change this. Check your connection and try again.',
} as const;

export const notifyEs: Record<keyof typeof notifyEn, string> = {
  'notify.nav': 'Avisos',
  'notify.title': 'Avisos',
  'notify.intro': 'Aquí están todos sus recordatorios y noticias de Aftercare.',
  'notify.empty': 'Todavía no hay nada aquí.',
  'notify.markAllRead': 'Marcar todo como leído',
  'notify.new': 'Nuevo',
  'notify.unread': '{count} nuevos',
  'notify.loadFailed': 'No pudimos cargar sus avisos. Intente de nuevo.',
  'notify.showOlder': 'Ver más antiguos',
  'notify.push.title': 'Avisos en el teléfono',
  'notify.push.checking': 'Revisando este teléfono…',
  'notify.push.unsupported': 'Este navegador no puede mostrar avisos. Igual los verá todos aquí.',
  'notify.push.blocked': 'Este navegador los bloquea para Aftercare.',
  'notify.push.unblock':
    'Para permitirlos: toque el candado o el icono junto a la dirección web. Busque Notificaciones. Elija Permitir. Luego vuelva aquí.',
  'notify.push.off':
    'Apagados en este teléfono. Enciéndalos para recibir recordatorios, aunque Aftercare esté cerrado.',
  'notify.push.on': 'Encendidos en este teléfono.',
  'notify.push.turnOn': 'Encender',
  'notify.push.turnOff': 'Apagar',
  'notify.push.working': 'Un momento…',
  'notify.push.failed': 'No pudimos hacer el cambio. Revise su conexión e intente de nuevo.',
};
