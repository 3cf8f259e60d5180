import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { resolveVerificationKeys, type VerificationKeys } from '../auth/keys';
import { isAllowed, rolesAllowed, type Permission, type Role } from '../auth/permissions';
import { AuthenticationError, verifyToken, type Principal, type TokenSettings } from '../auth/tokens';
import { VerifiedTokenCache } from '../auth/verified-tokens';
import { AppError } from '../errors';
import { withProblems } from '../http/responses';
import type { JsonObject } from '../http/dto';

declare module 'fastify' {
  interface FastifyInstance {
    auth: { keys: VerificationKeys; settings: TokenSettings; verified: VerifiedTokenCache };
    /** onRequest hook: a valid bearer token, whatever its roles (e.g. for the spec). */
    authenticate(request: FastifyRequest): Promise<Principal>;
    /** onRequest hook: a valid bearer token whose roles grant the route's declared permission. */
    authorize(request: FastifyRequest): Promise<void>;
    /** For what a request asks beyond its route (e.g. the past register): 403 unless the caller's roles grant `permission`. */
    requirePermission(request: FastifyRequest, permission: Permission | undefined): void;
  }
  interface FastifyRequest {
    /** The caller, once authenticated (its `sub` goes to the audit trail). */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** What the route does, for the permission table; routes without one are denied to everyone. */
    permission?: Permission;
  }
}

const roleList = (roles: Role[]) => (roles.length === 0 ? 'nobody' : roles.map((role) => `\`${role}\``).join(', '));

/**
 * Bearer-token authentication (jose) and role-based authorization from the one permission table.
 * Deny by default: a /v1 route that declares no permission is refused to every role.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    const keys = await resolveVerificationKeys(app.config, app.clock);
    const settings: TokenSettings = {
      issuer: app.config.JWT_ISSUER,
      audience: app.config.JWT_AUDIENCE,
      clockToleranceSeconds: app.config.JWT_CLOCK_TOLERANCE_S,
      rolesClaim: app.config.JWT_ROLES_CLAIM,
      unitsClaim: app.config.JWT_UNITS_CLAIM,
      clock: app.clock,
    };
    // With a remote key set, a key withdrawn at the identity provider is honoured until the key set
    // is fetched again anyway; trusting a verified token no longer than that adds no exposure.
    const verified = new VerifiedTokenCache(
      keys.source === 'remote-jwks'
        ? Math.min(app.config.JWT_VERIFY_CACHE_MAX_AGE_MS, app.config.JWT_JWKS_CACHE_MAX_AGE_MS)
        : app.config.JWT_VERIFY_CACHE_MAX_AGE_MS,
      app.clock,
    );
    app.decorate('auth', { keys, settings, verified });
    app.decorateRequest('principal', null);
    if (keys.source === 'development-secret') {
      app.log.warn('no token key configured: development mode signs and accepts HS256 tokens with a generated secret');
    }

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (!header) throw new AuthenticationError('This operation needs a bearer token (Authorization: Bearer …).', 'missing token');
      const [scheme, token, ...rest] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
        throw new AuthenticationError('The Authorization header must be "Bearer <token>".', 'malformed authorization header');
      }
      let principal = verified.get(token);
      if (!principal) {
        const checked = await verifyToken(token, keys, settings);
        verified.remember(token, checked.principal, checked.acceptedUntil);
        principal = checked.principal;
      }
      request.principal = principal;
      return principal;
    });

    app.decorate('authorize', async (request: FastifyRequest) => {
      await app.authenticate(request);
      app.requirePermission(request, request.routeOptions.config.permission);
    });

    app.decorate('requirePermission', (request: FastifyRequest, permission: Permission | undefined) => {
      const principal = request.principal;
      if (!principal) throw new AuthenticationError('This operation needs a bearer token (Authorization: Bearer …).', 'missing token');
      if (!permission || !isAllowed(principal.roles, permission)) {
        const needed = permission ? roleList(rolesAllowed(permission)) : 'nobody';
        request.log.info({ sub: principal.sub, roles: principal.roles, permission }, 'forbidden');
        throw new AppError('FORBIDDEN', `This operation needs one of the roles ${needed}; the token has ${roleList(principal.roles)}.`);
      }
    });

    app.addHook('onRoute', (route: RouteOptions) => {
      // Every /v1 route is authorized, as a route-level hook added after the rate limiter's, so
      // failed authentication is counted (and throttled) like any other request.
      if (route.url.startsWith('/v1')) {
        const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
        route.onRequest = [...existing, app.authorize] as RouteOptions['onRequest'];
      }
      // Every protected route documents its bearer requirement, the roles it needs and 401/403.
      const permission = route.config?.permission;
      if (!permission || !route.schema) return;
      const schema = route.schema as JsonObject;
      // A GET's HEAD twin shares its schema object: document the roles once.
      if (schema['x-roles']) return;
      schema.security = [{ bearerAuth: [] }];
      schema.description = `${schema.description ?? ''}\n\n**Roles:** ${roleList(rolesAllowed(permission))}.`.trim();
      schema['x-roles'] = rolesAllowed(permission);
      // Which row of the permission table grants it, for tools (and tests) that check the roles.
      schema['x-permission'] = { resource: permission.resource, operation: permission.operation };
      schema.response = withProblems(schema.response ?? {}, ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'AUTH_KEYS_UNAVAILABLE']);
    });
  },
  { name: 'auth' },
);
