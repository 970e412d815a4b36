package io.jcni.netlink.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.ArrayList;
import java.util.List;

/**
 * Injects a fresh {@link ScratchNamespace} into each test method parameter of that type and
 * removes every one after the test, whether it passed or failed:
 * {@code @ExtendWith(ScratchNamespaceExtension.class) void t(ScratchNamespace ns) {...}}.
 */
public final class ScratchNamespaceExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ScratchNamespaceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScratchNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ScratchNamespace ns = ScratchNamespace.create();
        created(context).add(ns);
        return ns;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RuntimeException first = null;
        for (ScratchNamespace ns : created(context)) {
            try {
                ns.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        created(context).clear();
        if (first != null) {
            throw first;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<ScratchNamespace> created(ExtensionContext context) {
        return (List<ScratchNamespace>) context.getStore(STORE)
                .getOrComputeIfAbsent("created", k -> new ArrayList<ScratchNamespace>());
    }
}
