/**
 * Kernel notifications: {@link io.jcni.netlink.event.EventSubscription} joins rtnetlink multicast
 * groups ({@link io.jcni.netlink.event.EventGroup}) in one namespace and delivers decoded
 * {@link io.jcni.netlink.event.LinkEvent}s and {@link io.jcni.netlink.event.AddressEvent}s.
 */
package io.jcni.netlink.event;
