/** Spanish texts of the inbox ("Notifications") and of the phone notifications switch. */
import type { notifyEn } from './notify.ts';

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
