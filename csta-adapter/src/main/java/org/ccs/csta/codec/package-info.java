/** ECMA-323 Annex J.2 framing and the MINA codec and logging filter for CSTA XML over TCP. */
package org.ccs.csta.codec;
