#!/bin/sh
# jcni command line, written by jcni's install.sh.
# Runs the JDK recorded at install time (@JAVA@) with the flags and class path in @LIB@/manager.args
# (the manager's jars in @LIB@/manager plus the plugins' in @LIB@/lib); @LIB@/jcni.conf holds the
# socket the shims in the CNI bin dir were built for.
exec '@JAVA@' '@@LIB@/manager.args' '-Djcni.home=@LIB@' io.jcni.manager.cli.Main "$@"
