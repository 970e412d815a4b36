package io.jcni.conf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.function.Function;

/**
 * Binds IP addresses and prefixes in plugin configs from literals only: Jackson's own
 * {@link InetAddress} support would resolve host names, which a CNI plugin must never do.
 */
final class IpJsonModule extends SimpleModule {
    IpJsonModule() {
        super("jcni-ip");
        addDeserializer(InetAddress.class, new FromText<>(InetAddress.class, IpText::parse));
        addDeserializer(Inet4Address.class, new FromText<>(Inet4Address.class, s -> family(s, Inet4Address.class)));
        addDeserializer(Inet6Address.class, new FromText<>(Inet6Address.class, s -> family(s, Inet6Address.class)));
        addDeserializer(IpPrefix.class, new FromText<>(IpPrefix.class, IpPrefix::parse));
        addSerializer(InetAddress.class, new ToText<>(IpText::format));
        addSerializer(IpPrefix.class, new ToText<>(IpPrefix::toString));
    }

    private static <A extends InetAddress> A family(String text, Class<A> type) {
        InetAddress a = IpText.parse(text);
        if (!type.isInstance(a)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an "
                    + (type == Inet4Address.class ? "IPv4" : "IPv6") + " address");
        }
        return type.cast(a);
    }

    private static final class FromText<T> extends JsonDeserializer<T> {
        private final Class<T> type;
        private final Function<String, T> parse;

        FromText(Class<T> type, Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, type);
            }
        }
    }

    private static final class ToText<T> extends JsonSerializer<T> {
        private final Function<T, String> format;

        ToText(Function<T, String> format) {
            this.format = format;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(format.apply(value));
        }
    }
}
