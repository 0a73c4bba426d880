/**
 * The signed-in user's dashboard ({@code /dashboard}): their certificates, PassKeys, open unlock
 * sessions and own recent activity in one place, managed with plain forms.
 */
package org.keymail.server.dashboard;
