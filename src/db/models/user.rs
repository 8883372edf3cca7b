use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::Tenant;
use crate::db::schema::{tenants, users};
use crate::domain::Roles;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub tenant_id: i64,
    pub issuer: String,
    pub subject: String,
    pub login: String,
    pub display_name: String,
    pub roles: String,
    pub created_at: NaiveDateTime,
    pub last_sign_in_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub tenant_id: i64,
    pub issuer: &'a str,
    pub subject: &'a str,
    pub login: &'a str,
    pub display_name: &'a str,
    pub roles: &'a str,
    pub created_at: NaiveDateTime,
    pub last_sign_in_at: Option<NaiveDateTime>,
}

impl User {
    pub fn roles(&self) -> Roles {
        Roles::from_claims(self.roles.split(',').filter(|r| !r.is_empty()))
    }

    /// The user and their tenant, for the request's current user.
    pub fn find_with_tenant(
        conn: &mut DbConnection,
        id: i64,
    ) -> QueryResult<Option<(User, Tenant)>> {
        users::table
            .inner_join(tenants::table)
            .filter(users::id.eq(id))
            .select((User::as_select(), Tenant::as_select()))
            .first(conn)
            .optional()
    }

    pub fn find_by_subject(
        conn: &mut DbConnection,
        issuer: &str,
        subject: &str,
    ) -> QueryResult<Option<User>> {
        users::table
            .filter(users::issuer.eq(issuer).and(users::subject.eq(subject)))
            .select(User::as_select())
            .first(conn)
            .optional()
    }

    /// `(id, subject)` of every user signed in under `issuer`.
    pub fn subjects_of_issuer(
        conn: &mut DbConnection,
        issuer: &str,
    ) -> QueryResult<Vec<(i64, String)>> {
        users::table
            .filter(users::issuer.eq(issuer))
            .select((users::id, users::subject))
            .load(conn)
    }

    /// Moves users to another issuer string (the provider's is now spelled differently).
    pub fn move_to_issuer(
        conn: &mut DbConnection,
        ids: &[i64],
        issuer: &str,
    ) -> QueryResult<usize> {
        diesel::update(users::table.filter(users::id.eq_any(ids)))
            .set(users::issuer.eq(issuer))
            .execute(conn)
    }

    /// Creates the user on first sign-in, or refreshes name, login and roles from the latest
    /// claims. Users are keyed by (issuer, subject), never by e-mail.
    pub fn upsert_at_sign_in(conn: &mut DbConnection, new: &NewUser<'_>) -> QueryResult<User> {
        match Self::find_by_subject(conn, new.issuer, new.subject)? {
            Some(existing) => {
                if existing.roles != new.roles {
                    // New roles end the user's other sessions at once (the session layer also
                    // refuses a session whose roles differ, whichever store holds it).
                    crate::db::models::session::SessionRow::delete_for_user(conn, existing.id)?;
                }
                diesel::update(users::table.find(existing.id))
                    .set((
                        users::login.eq(new.login),
                        users::display_name.eq(new.display_name),
                        users::roles.eq(new.roles),
                        users::last_sign_in_at.eq(new.last_sign_in_at),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(users::table)
                    .values(new)
                    .execute(conn)?;
            }
        }
        users::table
            .filter(
                users::issuer
                    .eq(new.issuer)
                    .and(users::subject.eq(new.subject)),
            )
            .select(User::as_select())
            .first(conn)
    }
}
