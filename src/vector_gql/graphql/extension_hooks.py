"""strawberry's schema-extension runner, without finding each hook again on every request.

For every request and each of its four stages (operation, parsing, validation,
execution), strawberry looks at every extension's class for the stage's hook,
asks ``inspect`` what kind of function it is, and wraps it with
``contextlib.contextmanager``, which copies the function's name, docstring and
attributes onto a new wrapper (``functools.update_wrapper``). With our dozen
extensions that was 48 look-ups and about 20 wrappers per request: about a
fifth of the CPU of a small query such as ``viewer``.

What a class's hook is does not change, so it is found once per class here.
Each request still gets the context managers strawberry would give it, the
same ``contextlib`` classes (``_GeneratorContextManager``,
``_AsyncGeneratorContextManager``, which ``contextmanager`` returns), entered
and left by strawberry's own code in the same order, so exceptions, their
suppression and the order of hooks are exactly strawberry's. Hooks of other
kinds (plain functions and coroutines) and stream results go through
strawberry's code unchanged.
"""

from __future__ import annotations

import contextlib
import inspect
from typing import TYPE_CHECKING, Any

from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import (
    ExecutingContextManager,
    ExtensionContextManagerBase,
    OperationContextManager,
    ParsingContextManager,
    ValidationContextManager,
)
from strawberry.extensions.runner import SchemaExtensionsRunner

if TYPE_CHECKING:
    from strawberry.types import ExecutionContext

_SYNC, _ASYNC, _OTHER = "sync", "async", "other"
_GeneratorHook: Any = contextlib._GeneratorContextManager
_AsyncGeneratorHook: Any = contextlib._AsyncGeneratorContextManager
_STAGES = ("on_operation", "on_validate", "on_parse", "on_execute")
# Each stage's hooks, for a request's extensions: (position, function, kind) in order.
_Plan = dict[str, Any]
# By the classes of a request's extensions. A schema's extensions are the same classes
# for every request; tests build many schemas, hence the bound.
_PLANS: dict[tuple[type, ...], _Plan] = {}
_MAX_PLANS = 64


def _kind(cls: type, name: str) -> tuple[Any, str] | None:
    function = getattr(cls, name)
    if function is getattr(SchemaExtension, name):
        return None
    if inspect.isgeneratorfunction(function):
        return function, _SYNC
    if inspect.isasyncgenfunction(function):
        return function, _ASYNC
    return function, _OTHER


def _plan(extensions: list[SchemaExtension]) -> _Plan:
    classes = tuple(type(extension) for extension in extensions)
    plan = _PLANS.get(classes)
    if plan is None:
        plan = {}
        for stage in _STAGES:
            hooks = plan[stage] = []
            for position, cls in enumerate(classes):
                found = _kind(cls, stage)
                if found is not None:
                    hooks.append((position, *found))
        plan["get_results"] = [
            position
            for position, cls in enumerate(classes)
            if cls.get_results is not SchemaExtension.get_results
        ]
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        _PLANS[classes] = plan
    return plan


class _KnownHooks(ExtensionContextManagerBase):
    """strawberry's context manager for a stage, with each class's hook found once.

    ``__enter__`` and ``__aenter__`` are strawberry's, entering the same context
    managers in the same order into the same exit stacks; ``__exit__`` and
    ``__aexit__`` are inherited.
    """

    def __init__(
        self, extensions: list[SchemaExtension], hooks: list[tuple[int, Any, str]]
    ) -> None:
        self.hooks = []
        self._extensions = extensions
        self._known = hooks

    def _managers(self) -> list[tuple[Any, bool]]:
        managers: list[tuple[Any, bool]] = []
        for position, function, kind in self._known:
            extension = self._extensions[position]
            if kind is _SYNC:
                managers.append((_GeneratorHook(function, (extension,), {}), False))
            elif kind is _ASYNC:
                managers.append((_AsyncGeneratorHook(function, (extension,), {}), True))
            else:
                wrapped = self.from_callable(extension, function)
                managers.append((wrapped.hook(), wrapped.is_async))
        return managers

    def __enter__(self) -> None:
        self.exit_stack = contextlib.ExitStack()
        self.exit_stack.__enter__()
        for (position, _, _), (manager, is_async) in zip(
            self._known, self._managers(), strict=True
        ):
            if is_async:
                raise RuntimeError(
                    f"SchemaExtension hook {self._extensions[position]}.{self.HOOK_NAME} "
                    "failed to complete synchronously."
                )
            self.exit_stack.enter_context(manager)

    async def __aenter__(self) -> None:
        self.async_exit_stack = contextlib.AsyncExitStack()
        await self.async_exit_stack.__aenter__()
        for manager, is_async in self._managers():
            if is_async:
                await self.async_exit_stack.enter_async_context(manager)
            else:
                self.async_exit_stack.enter_context(manager)


class _Operation(_KnownHooks, OperationContextManager):
    pass


class _Validation(_KnownHooks, ValidationContextManager):
    pass


class _Parsing(_KnownHooks, ParsingContextManager):
    pass


class _Executing(_KnownHooks, ExecutingContextManager):
    pass


class KnownHooksRunner(SchemaExtensionsRunner):
    def __init__(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension] | None = None
    ) -> None:
        super().__init__(execution_context, extensions)
        self._plan = _plan(self.extensions)

    async def get_extensions_results(self, ctx: ExecutionContext) -> dict[str, Any]:
        """strawberry's, asking only the extensions whose class has results to give
        (``SchemaExtension.get_results`` gives none)."""
        data: dict[str, Any] = {}
        for position in self._plan["get_results"]:
            results = self.extensions[position].get_results()
            if inspect.isawaitable(results):
                results = await results
            data.update(results)
        data.update(ctx.extensions_results)
        return data

    def operation(self) -> OperationContextManager:
        return _Operation(self.extensions, self._plan["on_operation"])

    def validation(self) -> ValidationContextManager:
        return _Validation(self.extensions, self._plan["on_validate"])

    def parsing(self) -> ParsingContextManager:
        return _Parsing(self.extensions, self._plan["on_parse"])

    def executing(self) -> ExecutingContextManager:
        return _Executing(self.extensions, self._plan["on_execute"])
