/** Texts of the inbox ("Notifications") and of the phone notifications switch. */
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
