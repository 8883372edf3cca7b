//! Server-side session rows (the default session store; see `web::session_store`). A row is
//! found by the SHA-256 of the key the cookie carries and lives until `expires_at`, which use
//! pushes forward (the idle timeout).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::sessions;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub key_hash: String,
    pub user_id: Option<i64>,
    pub state: String,
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSessionRow<'a> {
    pub key_hash: &'a str,
    pub user_id: Option<i64>,
    pub state: &'a str,
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

impl SessionRow {
    /// The live session under `key_hash` (an expired one is not returned).
    pub fn find_live(
        conn: &mut DbConnection,
        key_hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<Option<SessionRow>> {
        sessions::table
            .filter(sessions::key_hash.eq(key_hash))
            .filter(sessions::expires_at.gt(now))
            .select(SessionRow::as_select())
            .first(conn)
            .optional()
    }

    pub fn insert(conn: &mut DbConnection, row: &NewSessionRow<'_>) -> QueryResult<()> {
        diesel::insert_into(sessions::table)
            .values(row)
            .execute(conn)
            .map(|_| ())
    }

    /// New values for a live session; false when it is gone (signed out, expired, ended).
    pub fn update_state(
        conn: &mut DbConnection,
        key_hash: &str,
        user_id: Option<i64>,
        state: &str,
        expires_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        diesel::update(
            sessions::table
                .filter(sessions::key_hash.eq(key_hash))
                .filter(sessions::expires_at.gt(now)),
        )
        .set((
            sessions::user_id.eq(user_id),
            sessions::state.eq(state),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|n| n > 0)
    }

    /// Pushes the idle expiry of a live session forward.
    pub fn extend(
        conn: &mut DbConnection,
        key_hash: &str,
        expires_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(
            sessions::table
                .filter(sessions::key_hash.eq(key_hash))
                .filter(sessions::expires_at.gt(now)),
        )
        .set(sessions::expires_at.eq(expires_at))
        .execute(conn)
        .map(|_| ())
    }

    pub fn delete(conn: &mut DbConnection, key_hash: &str) -> QueryResult<()> {
        diesel::delete(sessions::table.filter(sessions::key_hash.eq(key_hash)))
            .execute(conn)
            .map(|_| ())
    }

    /// Ends every session of a user (their roles changed, or they were removed).
    pub fn delete_for_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<usize> {
        diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)
    }

    /// Removes expired rows; returns how many.
    pub fn purge_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)
    }
}
