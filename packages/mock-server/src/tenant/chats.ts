import type { WallTime } from '@wolkvox-mcp/contracts';
import { Random } from '../prng.js';

/**
 * A chat's conversation: messages alternating between its customer and its agent, the customer first, as many of
 * the agent's as the chat's `agent_answers` says, within the chat's life (or, for a chat left open until the
 * timeout, its first stretch). Some customer messages are attachments and some inline images, written the way
 * the platform writes them: an HTML link (`<a href="..." target="_blank">name</a>`) and a `data:image/...;base64,`
 * URI. The conversation is drawn from its own seed, so the figures chat_1 shows (characters per side, first reply,
 * who spoke last) are computed once from it, and the messages themselves (chat_2, real-time chats) are built only
 * when a report reads them.
 */

export interface ChatParties {
  conn_id: string;
  channel: string;
  customerName: string;
  customer_id: string;
  customer_phone: string;
  agentName: string;
  agentFirstName: string;
}

export interface ChatShape {
  /** The conversation's own seed. */
  seed: number;
  open: WallTime;
  /** When the messages stop: the close, or the end of the stretch before a chat was left open. */
  until: WallTime;
  agentAnswers: number;
}

/** A message as chat_2 and the real-time chats report read it (items of the `conversation` attribute). */
export interface ChatMessage {
  channel: string;
  from: 'CUSTOMER' | 'AGENT';
  from_name: string;
  to_name: string;
  date: WallTime;
  message: string;
  msg: string;
  customer_id: string;
  customer_phone: string;
}

export interface ConversationFigures {
  messages: number;
  customerChars: number;
  agentChars: number;
  /** Seconds from the opening to the agent's first message, or null when the agent never wrote. */
  firstReply: number | null;
  /** Seconds from the opening to the agent's last message (0 when the agent never wrote). */
  agentSpan: number;
  last: 'agent' | 'customer';
}

const CUSTOMER_LINES = [
  'Hola, buenas tardes',
  'Buenos días, necesito ayuda con mi cuenta',
  'Quiero consultar el estado de mi solicitud',
  'Me llegó un cobro que no reconozco',
  '¿Me pueden ayudar con mi factura?',
  '¿Cuánto debo a la fecha?',
  'Ya realicé el pago, ¿cuándo se ve reflejado?',
  'El servicio no funciona desde ayer',
  'Ok, quedo atento',
  'Perfecto, muchas gracias',
  'Sí, es correcto',
  'Mi número de documento es el que tienen registrado',
] as const;

const AGENT_LINES = [
  'Con gusto te ayudo',
  'Permíteme un momento mientras reviso tu información',
  'Ya validé tu cuenta, el pago se refleja en 24 horas hábiles',
  'Tu caso quedó radicado, te llegará la respuesta por correo',
  '¿Hay algo más en lo que pueda ayudarte?',
  'Gracias por comunicarte con nosotros, que tengas un buen día',
  'Te confirmo que la solicitud fue aprobada',
  'Para continuar necesito que me confirmes tu número de documento',
] as const;

/** A 1x1 JPEG, so an inline image is a real one and tiny. */
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////' +
  '////////////2wBDAf//////////////////////////////////////////////////////////////////////////////////////wAAR' +
  'CAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/' +
  'EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKgH/9k=';

/** Documentation addresses (RFC 2606 .invalid): a simulated attachment never points at a real host. */
const MEDIA = 'https://media.wolkvox-emulator.invalid/chat';

function attachmentLink(connId: string, n: number, name: string): string {
  return `<a href="${MEDIA}/${connId}/${n}/${name}" target="_blank">${name}</a>`;
}

const ATTACHMENTS = ['comprobante_pago.pdf', 'factura.pdf', 'cedula.pdf', 'soporte.jpg'] as const;

/**
 * Walks the conversation: `visit` gets each message's side, date and text (the caller builds objects or only
 * counts). Gaps and texts come from the conversation's own generator, so every walk gives the same messages.
 */
function walk(
  shape: ChatShape,
  parties: ChatParties,
  visit: (side: 'CUSTOMER' | 'AGENT', date: WallTime, text: string) => void,
): void {
  const rng = new Random(shape.seed);
  const agents = shape.agentAnswers;
  // The customer writes first and after every agent message but (often) the last: the agent may close the chat.
  const customers = agents === 0 ? 1 + rng.int(0, 1) : agents + (rng.chance(0.4) ? 1 : 0);
  const total = agents + customers;
  // First reply 10 s to 3 min after the opening, then 10 s to 2 min between messages, squeezed into the chat's
  // life when they would overrun it.
  const gaps: number[] = [];
  let span = 0;
  for (let i = 1; i < total; i++) {
    const gap = i === 1 ? rng.int(10, 180) : rng.int(10, 120);
    gaps.push(gap);
    span += gap;
  }
  const room = Math.max(0, Math.floor((shape.until - shape.open) / 1000) - 1);
  const scale = span > room && span > 0 ? room / span : 1;
  let at = shape.open;
  let customerTurn = 0;
  let agentTurn = 0;
  for (let i = 0; i < total; i++) {
    if (i > 0) at += Math.floor(gaps[i - 1]! * scale) * 1000;
    // Alternate while both sides have messages left; the side with messages left writes the rest.
    const customerSide = agentTurn >= agents || (customerTurn < customers && customerTurn <= agentTurn);
    if (customerSide) {
      customerTurn++;
      const roll = rng.next();
      const text =
        roll < 0.08
          ? attachmentLink(parties.conn_id, i, ATTACHMENTS[rng.int(0, ATTACHMENTS.length - 1)]!)
          : roll < 0.12
            ? `data:image/jpeg;base64,${TINY_JPEG}`
            : CUSTOMER_LINES[rng.int(0, CUSTOMER_LINES.length - 1)]!;
      visit('CUSTOMER', at, text);
    } else {
      agentTurn++;
      const roll = rng.next();
      const text =
        agentTurn === 1
          ? `Hola ${parties.customerName}, mi nombre es ${parties.agentFirstName}, ¿en qué puedo ayudarte?`
          : roll < 0.1
            ? `Te comparto el enlace de pago: ${attachmentLink(parties.conn_id, i, 'pago_en_linea')}`
            : AGENT_LINES[rng.int(0, AGENT_LINES.length - 1)]!;
      visit('AGENT', at, text);
    }
  }
}

/** The figures chat_1 and chat_8 show, from one walk of the conversation (no message objects). */
export function conversationFigures(shape: ChatShape, parties: ChatParties): ConversationFigures {
  const figures: ConversationFigures = {
    messages: 0,
    customerChars: 0,
    agentChars: 0,
    firstReply: null,
    agentSpan: 0,
    last: 'customer',
  };
  walk(shape, parties, (side, date, text) => {
    figures.messages++;
    if (side === 'AGENT') {
      figures.agentChars += text.length;
      const seconds = (date - shape.open) / 1000;
      figures.firstReply ??= seconds;
      figures.agentSpan = seconds;
      figures.last = 'agent';
    } else {
      figures.customerChars += text.length;
      figures.last = 'customer';
    }
  });
  return figures;
}

/** The messages, built (each time) for the reports that list them. */
export function conversationMessages(shape: ChatShape, parties: ChatParties): ChatMessage[] {
  const messages: ChatMessage[] = [];
  walk(shape, parties, (from, date, message) => {
    const customer = from === 'CUSTOMER';
    messages.push({
      channel: parties.channel,
      from,
      from_name: customer ? parties.customerName : parties.agentName,
      to_name: customer ? parties.agentName : parties.customerName,
      date,
      message,
      msg: message,
      customer_id: parties.customer_id,
      customer_phone: parties.customer_phone,
    });
  });
  return messages;
}
