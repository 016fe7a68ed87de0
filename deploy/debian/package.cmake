# `make deb`: fremdrift_<version>_amd64.deb (issue 19) — the binary, its systemd unit, the
# settings file as a conffile, and maintainer scripts that add the `fremdrift` user and
# migrate on install and upgrade (deploy/debian/, deploy/README.md). Only the server binary
# is installed: tests and bench tools have no install rules.
install(TARGETS fremdrift RUNTIME DESTINATION bin)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/debian/fremdrift.service DESTINATION lib/systemd/system)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/debian/fremdrift.env DESTINATION /etc/fremdrift
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION share/doc/fremdrift)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/README.md DESTINATION share/doc/fremdrift
        RENAME deploy.md)
# What an IT department configures after installing: single sign-on and personal data.
install(FILES ${CMAKE_SOURCE_DIR}/docs/sso.md ${CMAKE_SOURCE_DIR}/docs/privacy.md
        DESTINATION share/doc/fremdrift)
# The nginx site for several instances (deploy/README.md, section 8); an example, not a
# conffile: nginx reads it only once copied to /etc/nginx/sites-available.
install(FILES ${CMAKE_SOURCE_DIR}/deploy/nginx/fremdrift.conf
        DESTINATION share/doc/fremdrift/examples/nginx)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME fremdrift)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "improvement and change projects across municipal units")
set(CPACK_PACKAGE_CONTACT "fremdrift maintainers <maintainers@fremdrift.example>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, util-linux")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "chromium, nginx")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/deploy/debian/conffiles ${CMAKE_SOURCE_DIR}/deploy/debian/postinst
    ${CMAKE_SOURCE_DIR}/deploy/debian/prerm ${CMAKE_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
