"""The window's menus and toolbar: 文件, 编辑, 查看, 设置, 帮助 and the buttons above the tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar

from forms.yoy import ALLOWED_PLACES
from ui.app_title import APP_TITLE
from ui.undo_actions import StepActions


class WindowMenus:
    """Part of ``MainWindow`` (ui/main_window.py): builds its actions; the slots are its own."""

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.new_action = self._action(file_menu, "新建报表…", self.new_report, QKeySequence.StandardKey.New)
        file_menu.addSeparator()
        self.xlsx_action = self._action(file_menu, "导出 Excel 附表…", self.export_xlsx)
        self.docx_action = self._action(file_menu, "导出 Word 报告…", self.export_docx)
        self._action(file_menu, "导入/汇总…", self.import_workbooks)
        self._action(file_menu, "各单位报送情况…", self.show_board)
        self._action(file_menu, "装入表样…", self.add_template)
        self._action(file_menu, "换用表样…", self.move_to_template)
        self._action(file_menu, "装入文件名称清单…", self.add_title_list)  # 校对 of the titles cited
        file_menu.addSeparator()
        self._action(file_menu, "备份…", self.backup)
        self._action(file_menu, "从备份恢复…", self.restore)
        file_menu.addSeparator()
        self._action(file_menu, "退出", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("编辑(&E)")
        edit_menu.setToolTipsVisible(True)  # 撤销/重做 name their step there
        self.undo_action = self._action(edit_menu, "撤销", self.undo)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self._action(edit_menu, "重做", self.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addSeparator()
        # The grid handles its own keys (Ctrl+X/C/V, Delete); the menu names them and acts on the
        # table shown, and the same actions are the grid's context menu.
        self.edit_actions: dict[str, QAction] = {}
        for name, text in (
            ("cut", "剪切\tCtrl+X"),
            ("copy", "复制\tCtrl+C"),
            ("paste", "粘贴\tCtrl+V"),
            ("clear", "清除内容\tDelete"),
            (None, ""),
            ("insert_row", "插入行（在下方）"),
            ("remove_row", "删除行"),
        ):
            if name is None:
                edit_menu.addSeparator()
                continue
            self.edit_actions[name] = self._action(edit_menu, text, lambda _=False, n=name: self._grid_command(n))
        self.steps = StepActions(self.undo_action, self.redo_action, self._history)
        self._update_edit_actions()

        view_menu = self.menuBar().addMenu("查看(&V)")
        audit_toggle = self.audit_dock.toggleViewAction()
        audit_toggle.setText("审核面板")
        audit_toggle.setShortcut(QKeySequence("F9"))
        view_menu.addAction(audit_toggle)
        audit_toggle.triggered.connect(self._audit_toggled)
        self.audit_toggle = audit_toggle

        settings = self.menuBar().addMenu("设置(&S)")
        places_menu = settings.addMenu("同比增减保留小数位数")
        group = QActionGroup(self)
        current = self.store.yoy_places()
        for places in ALLOWED_PLACES:
            action = QAction(f"{places} 位", self, checkable=True, checked=places == current)
            action.triggered.connect(lambda _=False, p=places: self.set_places(p))
            group.addAction(action)
            places_menu.addAction(action)

        fonts_menu = settings.addMenu("Word 报告字体")
        self.font_actions: dict[str, QAction] = {}
        fonts_group = QActionGroup(self)
        for key, label in (
            ("government", "公文字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）"),
            ("windows", "Windows 自带字体（仿宋、楷体、宋体）"),
        ):
            action = QAction(label, self, checkable=True, checked=key == self.store.font_set())
            action.triggered.connect(lambda _=False, k=key: self.set_fonts(k))
            self.font_actions[key] = action
            fonts_group.addAction(action)
            fonts_menu.addAction(action)

        help_menu = self.menuBar().addMenu("帮助(&H)")
        self._action(help_menu, "创建示例报表", self.create_sample)
        self._action(help_menu, "关于", self.about)

    def _build_toolbar(self) -> None:
        bar = QToolBar("工具栏", self)
        bar.setObjectName("toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        bar.addAction(self.new_action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        self.docx_button = bar.addAction("导出Word", self.export_docx)
        self.docx_button.setToolTip("导出 Word 报告（按 GB/T 9704 排版）")
        self.xlsx_button = bar.addAction("导出Excel", self.export_xlsx)
        self.xlsx_button.setToolTip("导出 Excel 数据附表（附件2–5）")
        bar.addSeparator()
        bar.addAction(self.audit_toggle)
        self.toolbar = bar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        for button in (self.docx_button, self.xlsx_button):
            button.setEnabled(self.xlsx_action.isEnabled())

    def _set_export_enabled(self, enabled: bool) -> None:
        for action in (self.xlsx_action, self.docx_action, *self._export_buttons()):
            action.setEnabled(enabled)

    def _export_buttons(self) -> list[QAction]:
        return [b for b in (getattr(self, "docx_button", None), getattr(self, "xlsx_button", None)) if b]

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def show_board(self) -> None:
        from ui.board_dialog import open_board  # the city's only: loaded when first opened

        self._guarded(lambda: open_board(self))

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"关于{APP_TITLE}",
            f"{APP_TITLE}：行政执法工作报告附件表的填报、同比计算与导出。\n数据库：{self.store.path}",
        )
