-- Server-side sessions (the default store when REDIS_URL is not set). Keep in step with
-- migrations/postgres and src/db/schema.rs. The cookie carries the session key; only its
-- SHA-256 is stored, so a copy of this table signs nobody in.
CREATE TABLE sessions (
    key_hash TEXT PRIMARY KEY NOT NULL,        -- hex SHA-256 of the session key
    -- The signed-in user (none before sign-in): a role change or removal ends their sessions.
    user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL,                       -- the session's values, as JSON
    expires_at TIMESTAMP NOT NULL,             -- idle timeout: pushed forward as it is used
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
