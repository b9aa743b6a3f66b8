/** Typed CSTA messages (ECMA-269 services and events) and their ECMA-323 XML mapping. */
package org.ccs.csta.message;
