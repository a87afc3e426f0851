/** WebAuthn for passkeys: who we are to the authenticator (relying party), challenges, and checking what it answers. */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { FastifyRequest } from 'fastify';
import { AftercareError } from '@aftercare/core';
import type { NewPasskey, Passkey, User, WebauthnPurpose } from '@aftercare/store';
import type { ServerDeps } from '../http/types.ts';

/** A challenge is good for five minutes: enough to find the phone, short enough to be useless when stolen later. */
const CHALLENGE_MS = 5 * 60_000;

const RP_NAME = 'Aftercare';

/** The site the passkey belongs to: the configured public address, else the address this request was sent to. */
export function relyingParty(deps: ServerDeps, request: FastifyRequest): { rpID: string; origin: string } {
  if (deps.config.publicUrl !== '') {
    try {
      const url = new URL(deps.config.publicUrl);
      return { rpID: url.hostname, origin: url.origin };
    } catch {
      // A malformed AFTERCARE_PUBLIC_URL: fall back to the request's own address, like the CSRF check.
    }
  }
  const origin = new URL(`${request.protocol}://${request.host}`);
  return { rpID: origin.hostname, origin: origin.origin };
}

function refused(message: string): AftercareError {
  return new AftercareError('CARE_ERR_BAD_INPUT', message);
}

const EXPIRED = 'This passkey request is too old or was already used. Please try again.';

/** The challenge the browser signed, read from clientDataJSON (base64url JSON), or a clear refusal. */
function signedChallenge(clientDataJSON: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw refused('The passkey answer is not readable: send it exactly as the browser gives it.');
  }
  const challenge = (parsed as { challenge?: unknown } | null)?.challenge;
  if (typeof challenge !== 'string' || challenge === '' || challenge.length > 512) {
    throw refused('The passkey answer has no challenge: send it exactly as the browser gives it.');
  }
  return challenge;
}

/** Takes the one-use challenge the answer signed; refuses one that is unknown, expired, used, or someone else's. */
async function takeChallenge(
  deps: ServerDeps,
  clientDataJSON: string,
  purpose: WebauthnPurpose,
  userId: string | null,
): Promise<string> {
  const challenge = signedChallenge(clientDataJSON);
  const taken = await deps.store.takeWebauthnChallenge(challenge, purpose, deps.clock.now().toISOString());
  if (taken === undefined || taken.userId !== userId) {
    throw refused(EXPIRED);
  }
  return challenge;
}

async function rememberChallenge(
  deps: ServerDeps,
  challenge: string,
  purpose: WebauthnPurpose,
  userId: string | null,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.saveWebauthnChallenge(
    { challenge, userId, purpose, expiresAt: new Date(now.getTime() + CHALLENGE_MS).toISOString() },
    now.toISOString(),
  );
}

/** Options for navigator.credentials.create(): a discoverable passkey, checked by the device (PIN, face, finger). */
export async function registrationOptions(
  deps: ServerDeps,
  request: FastifyRequest,
  user: User,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID } = relyingParty(deps, request);
  const existing = await deps.store.listPasskeys(user.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    timeout: CHALLENGE_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await rememberChallenge(deps, options.challenge, 'register', user.id);
  return options;
}

/** Checks a new passkey against the challenge handed to this account; returns what to store. */
export async function verifyRegistration(
  deps: ServerDeps,
  request: FastifyRequest,
  user: User,
  response: RegistrationResponseJSON,
  label: string | null,
): Promise<NewPasskey> {
  const challenge = await takeChallenge(deps, response.response.clientDataJSON, 'register', user.id);
  const { rpID, origin } = relyingParty(deps, request);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch (error) {
    request.log.info({ reqId: request.id, reason: (error as Error).name }, 'passkey registration refused');
    throw refused('We could not check this passkey. Please try again.');
  }
  if (!verified.verified) {
    throw refused('We could not check this passkey. Please try again.');
  }
  const { credential } = verified.registrationInfo;
  return {
    userId: user.id,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: (response.response.transports ?? credential.transports ?? []).slice(0, 10),
    deviceLabel: label,
    createdAt: deps.clock.now().toISOString(),
  };
}

/** Options for navigator.credentials.get(): no account named, the device offers the passkeys it holds for us. */
export async function authenticationOptions(
  deps: ServerDeps,
  request: FastifyRequest,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = relyingParty(deps, request);
  const options = await generateAuthenticationOptions({ rpID, timeout: CHALLENGE_MS, userVerification: 'required' });
  await rememberChallenge(deps, options.challenge, 'sign-in', null);
  return options;
}

const DID_NOT_WORK = 'That passkey did not work here. Try again, or sign in with your e-mail and password.';

/** Checks a sign-in answer: the challenge, the signature with the stored key, and a counter that grew. */
export async function verifyAuthentication(
  deps: ServerDeps,
  request: FastifyRequest,
  response: AuthenticationResponseJSON,
): Promise<Passkey> {
  const challenge = await takeChallenge(deps, response.response.clientDataJSON, 'sign-in', null);
  const passkey = await deps.store.getPasskeyByCredentialId(response.id);
  if (passkey === undefined) {
    throw refused(DID_NOT_WORK);
  }
  const { rpID, origin } = relyingParty(deps, request);
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports,
      },
    });
  } catch (error) {
    request.log.info({ reqId: request.id, reason: (error as Error).name }, 'passkey sign-in refused');
    throw refused(DID_NOT_WORK);
  }
  if (!verified.verified) {
    throw refused(DID_NOT_WORK);
  }
  const counted = await deps.store.notePasskeyUse(
    passkey.id,
    verified.authenticationInfo.newCounter,
    deps.clock.now().toISOString(),
  );
  if (!counted) {
    request.log.warn({ reqId: request.id, passkeyId: passkey.id }, 'passkey counter did not grow');
    throw refused('This passkey may have been copied, so we did not let it in. Sign in with your password.');
  }
  return passkey;
}
