# Helpers for assembling an image's root file system from this machine's files (sourced by the
# build scripts here): no base image, so no registry.

# copy_files ROOT FILE...: copies each FILE (links followed) to the same path under ROOT.
copy_files() {
  local root=$1 file; shift
  for file in "$@"; do
    mkdir -p "$root$(dirname "$file")" && cp -L "$file" "$root$file"
  done
}

# add_shared_libraries ROOT: every shared library that a program or library under ROOT links
# against (ldd lists them transitively), copied to the path the dynamic loader looks it up at.
add_shared_libraries() {
  local root=$1
  copy_files "$root" $(find "$root" -type f \( -perm -u+x -o -name '*.so*' \) -exec ldd {} \; 2>/dev/null \
      | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | grep -v "^$root" | sort -u)
}

# add_user ROOT NAME UID HOME: /etc/passwd and /etc/group with root and that user.
add_user() {
  local root=$1 name=$2 uid=$3 home=$4
  mkdir -p "$root/etc"
  printf 'root:x:0:0:root:/root:/sbin/nologin\n%s:x:%s:%s:%s:%s:/sbin/nologin\n' "$name" "$uid" "$uid" "$name" "$home" >"$root/etc/passwd"
  printf 'root:x:0:\n%s:x:%s:\n' "$name" "$uid" >"$root/etc/group"
}
