/**
 * Configuration of {@code wirelog socks}: Dante's sockd.conf and what it says.
 *
 * <p>{@link org.wirelog.config.SockdConf} is the entry point. Underneath, text flows one way:
 * {@code SockdConfTokenizer} cuts it into words ({@code Token}), {@code TokenCursor} walks them and words the
 * errors, {@code SockdConfParser} reads the server settings and hands each rule block to {@code RuleParser}, which
 * uses {@code AddressParser} and {@code PortParser} for {@code from:}/{@code to:}. {@code ListValues} reads Dante's
 * end-of-line lists, {@code DanteWords} holds the values they take, and {@code UnimplementedKeywords} decides what to
 * do with Dante keywords wirelog does not implement yet. The result is a {@link org.wirelog.config.SocksConfig}.
 */
package org.wirelog.config;
